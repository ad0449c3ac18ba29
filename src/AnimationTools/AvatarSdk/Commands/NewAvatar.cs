using System;
using System.Collections;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Text.Json.Nodes;
using AnimationTools.Core.Cmdlets;
using AnimationTools.Core.Errors;
using AnimationTools.Core.Http;

namespace AnimationTools.AvatarSdk.Commands
{
    /// <summary>
    /// Starts an avatar computation from a photo or a selfie (POST /avatars/, which counts toward the plan) and
    /// returns it as a PowerShell job whose output is the completed Avatar.
    /// </summary>
    [Cmdlet(VerbsCommon.New, "Avatar", DefaultParameterSetName = PhotoSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, HelpUri = "https://github.com/animationtools/AnimationTools/blob/main/docs/New-Avatar.md")]
    [OutputType(typeof(AvatarJob))]
    public sealed class NewAvatar : AnimationCmdlet
    {
        const string PhotoSet = "Photo";
        const string SelfieSet = "Selfie";

        static readonly string[] PhotoExtensions = { ".jpg", ".jpeg", ".png" };

        /// <summary>The photo (JPEG or PNG) of one face.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = PhotoSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("FullName", "PSPath", "Path")]
        [ValidateNotNullOrEmpty]
        public string Photo { get; set; }

        /// <summary>The code of a selfie page (New-AvatarSelfie); waits until its photo has been uploaded.</summary>
        [Parameter(Mandatory = true, ParameterSetName = SelfieSet, ValueFromPipelineByPropertyName = true)]
        [Alias("Code", "SelfieCode")]
        [ValidateNotNullOrEmpty]
        [ValidateRemoteId]
        public string Selfie { get; set; }

        /// <summary>animated_face (the service's default), head_1.2, head_2.0, body_0.3 or metaperson_2.0.</summary>
        [Parameter]
        [ArgumentCompleter(typeof(AvatarPipelineCompleter))]
        [ValidateNotNullOrEmpty]
        public string Pipeline { get; set; }

        [Parameter]
        [ArgumentCompleter(typeof(AvatarPipelineSubtypeCompleter))]
        [ValidateNotNullOrEmpty]
        public string PipelineSubtype { get; set; }

        /// <summary>The avatar's name; the photo's file name without extension by default.</summary>
        [Parameter]
        public string Name { get; set; }

        [Parameter]
        public string Description { get; set; }

        /// <summary>
        /// Computation parameters in the service's shape, e.g. @{ haircuts = @{ base = @('female_NewSea_J086f') } }.
        /// Omitted: the pipeline's defaults apply; @{} computes none.
        /// </summary>
        [Parameter]
        public IDictionary Parameter { get; set; }

        /// <summary>Haircut names to compute, added to -Parameter in the group the service lists them under.</summary>
        [Parameter]
        [ArgumentCompleter(typeof(AvatarParameterNameCompleter))]
        [ValidateNotNullOrEmpty]
        public string[] Haircut { get; set; }

        /// <summary>Blendshape sets to compute, added to -Parameter like -Haircut.</summary>
        [Parameter]
        [ArgumentCompleter(typeof(AvatarParameterNameCompleter))]
        [ValidateNotNullOrEmpty]
        public string[] Blendshape { get; set; }

        /// <summary>Model-info flags to compute (age, gender, hair_color ...), added to -Parameter like -Haircut.</summary>
        [Parameter]
        [ArgumentCompleter(typeof(AvatarParameterNameCompleter))]
        [ValidateNotNullOrEmpty]
        public string[] ModelInfo { get; set; }

        /// <summary>Export parameters (head_1.2, head_2.0, body_0.3, metaperson_2.0), e.g. @{ format = 'glb' }.</summary>
        [Parameter]
        public IDictionary ExportParameter { get; set; }

        [Parameter]
        public string ExportComment { get; set; }

        /// <summary>How long -Selfie waits for the photo to be uploaded.</summary>
        [Parameter(ParameterSetName = SelfieSet)]
        [ValidateRange(1, 86400)]
        public int SelfieTimeoutSeconds { get; set; } = 600;

        [Parameter]
        public AvatarSdkSession Session { get; set; }

        protected override void ProcessItem()
        {
            var session = ResolveSession(Session, AvatarSdkSession.ServiceName, "Connect-AvatarSdk");
            var request = BuildRequest();

            var subject = request.PhotoPath != null ? Path.GetFileName(request.PhotoPath) : "selfie " + request.Selfie;
            var target = $"{subject} ({request.Pipeline ?? "animated_face"} {request.PipelineSubtype ?? AvatarPipelines.DefaultSubtype(request.Pipeline)})";
            if (!ShouldProcess(target, "Create an Avatar SDK avatar (counts toward the plan)"))
            {
                return;
            }

            var created = Run(async token =>
            {
                if (request.Selfie != null)
                {
                    await session.Client.WaitForSelfiePhotoAsync(request.Selfie, TimeSpan.FromSeconds(SelfieTimeoutSeconds), token).ConfigureAwait(false);
                }
                return await session.Client.CreateAvatarAsync(request, token).ConfigureAwait(false);
            });

            var job = new AvatarJob(session, created.Code, request.Name, request.ExportParametersJson != null, MyInvocation.Line?.Trim());
            JobRepository.Add(job);
            job.Follow();
            WriteObject(job);
        }

        /// <summary>Everything checked before any request: the file, the pipeline pair, the parameter values.</summary>
        AvatarRequest BuildRequest()
        {
            var request = new AvatarRequest
            {
                Pipeline = Pipeline,
                PipelineSubtype = PipelineSubtype,
                Description = Description,
                ExportComment = ExportComment,
            };
            AvatarPipelines.CheckPipeline(Pipeline, PipelineSubtype);
            if (ParameterSetName == PhotoSet)
            {
                request.PhotoPath = ResolvePhoto(Photo);
                request.Name = Name ?? Path.GetFileNameWithoutExtension(request.PhotoPath);
            }
            else
            {
                request.Selfie = Selfie;
                request.Name = Name ?? "selfie";
            }

            if (Parameter != null)
            {
                foreach (var warning in AvatarPipelines.CheckParameters(Parameter, Pipeline ?? "animated_face"))
                {
                    WriteWarning(warning);
                }
            }
            if (ExportParameter != null)
            {
                AvatarPipelines.CheckExportParameters(ExportParameter, Pipeline);
                if (ExportParameter.Count > 0)
                {
                    request.ExportParametersJson = PowerShellJson.Write(ExportParameter);
                }
            }

            var parametersJson = Parameter != null ? PowerShellJson.Write(Parameter) : null;
            if (Haircut != null || Blendshape != null || ModelInfo != null)
            {
                parametersJson = AddNamedParameters(parametersJson, request);
            }
            request.ParametersJson = parametersJson;
            return request;
        }

        /// <summary>Puts -Haircut, -Blendshape and -ModelInfo names into the group the service lists each under.</summary>
        string AddNamedParameters(string parametersJson, AvatarRequest request)
        {
            var session = ResolveSession(Session, AvatarSdkSession.ServiceName, "Connect-AvatarSdk");
            var pipeline = request.Pipeline ?? "animated_face";
            var subtype = request.PipelineSubtype ?? AvatarPipelines.DefaultSubtype(pipeline);
            var available = AvatarCompletion.Flatten(Run(token => AvatarCompletion.AvailableAsync(session, pipeline, subtype, token))).ToList();
            var parameters = parametersJson == null ? new JsonObject() : (JsonObject)JsonNode.Parse(parametersJson);
            void Add(string parameterName, string category, string[] names)
            {
                foreach (var name in names ?? new string[0])
                {
                    var match = available.FirstOrDefault(p => p.Category == category && p.Name == name);
                    if (match.Name == null)
                    {
                        throw AvatarPipelines.Invalid(parameterName, $"'{name}' is not an available {category} value of {pipeline} {subtype} (see Get-AvatarParameter -Pipeline {pipeline} -Category {category}).");
                    }
                    var list = match.Group == null
                        ? (parameters[category] as JsonArray ?? (JsonArray)(parameters[category] = new JsonArray()))
                        : ((parameters[category] as JsonObject ?? (JsonObject)(parameters[category] = new JsonObject()))[match.Group] as JsonArray
                            ?? (JsonArray)(((JsonObject)parameters[category])[match.Group] = new JsonArray()));
                    if (!list.Any(n => n?.GetValue<string>() == name))
                    {
                        list.Add(name);
                    }
                }
            }
            Add(nameof(Haircut), "haircuts", Haircut);
            Add(nameof(Blendshape), "blendshapes", Blendshape);
            Add(nameof(ModelInfo), "model_info", ModelInfo);
            return parameters.ToJsonString();
        }

        string ResolvePhoto(string path)
        {
            var full = GetUnresolvedProviderPathFromPSPath(path);
            if (Directory.Exists(full))
            {
                throw AvatarPipelines.Invalid(nameof(Photo), $"'{full}' is a folder; give a JPEG or PNG photo.");
            }
            if (!File.Exists(full))
            {
                throw new AnimationToolsException("AvatarSdk.FileNotFound", ErrorCategory.ObjectNotFound, $"The photo '{full}' does not exist.", null, full);
            }
            var header = new byte[8];
            int read;
            using (var file = File.OpenRead(full))
            {
                read = file.Read(header, 0, header.Length);
            }
            var isJpeg = read >= 3 && header[0] == 0xFF && header[1] == 0xD8 && header[2] == 0xFF;
            var isPng = read >= 8 && header[0] == 0x89 && header[1] == 0x50 && header[2] == 0x4E && header[3] == 0x47;
            if (!PhotoExtensions.Contains(Path.GetExtension(full).ToLowerInvariant()) || !(isJpeg || isPng))
            {
                throw AvatarPipelines.Invalid(nameof(Photo), $"'{Path.GetFileName(full)}' is not a JPEG or PNG photo.");
            }
            return full;
        }
    }
}
