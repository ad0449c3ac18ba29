using System.Collections;
using System.Linq;
using System.Management.Automation;
using AnimationTools.Core.Cmdlets;
using AnimationTools.Core.Errors;

namespace AnimationTools.DeepMotion.Commands
{
    /// <summary>
    /// Starts DeepMotion processing (POST /process, which spends credits) of an uploaded video, a URL, or a rerun of a
    /// finished job, and returns it as a PowerShell job.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Start, "AnimationJob", DefaultParameterSetName = UrlSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, HelpUri = "https://github.com/animationtools/AnimationTools/blob/main/docs/Start-AnimationJob.md")]
    [OutputType(typeof(AnimationJob))]
    public sealed class StartAnimationJob : AnimationCmdlet
    {
        const string UrlSet = "Url";
        const string RerunSet = "Rerun";

        /// <summary>Storage URL of an uploaded video (the Url of Send-Video's output).</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = UrlSet, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string Url { get; set; }

        /// <summary>Request id of a successful job whose input is processed again with these parameters.</summary>
        [Parameter(Mandatory = true, ParameterSetName = RerunSet, ValueFromPipelineByPropertyName = true)]
        [Alias("Rid")]
        [ValidateNotNullOrEmpty]
        [ValidateRemoteId]
        [ArgumentCompleter(typeof(AnimationJobRidCompleter))]
        public string RerunOf { get; set; }

        [Parameter]
        [ValidateSet("bvh", "fbx", "mp4", "glb", "png", "jpg", "dmpe", IgnoreCase = true)]
        public string[] Format { get; set; } = { "bvh", "fbx" };

        /// <summary>Character model id (stock or custom).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("ModelId")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Characters.CharacterModelCompleter))]
        public string Model { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string Config { get; set; } = "configDefault";

        /// <summary>Physics simulation filter (sim=1); not compatible with custom characters.</summary>
        [Parameter]
        [Alias("Sim")]
        public SwitchParameter Simulation { get; set; }

        [Parameter]
        public SwitchParameter TrackFace { get; set; }

        [Parameter]
        public SwitchParameter TrackHand { get; set; }

        [Parameter]
        [ValidateSet("auto", "always", "never", "grounding", IgnoreCase = true)]
        public string FootLockingMode { get; set; }

        [Parameter]
        [ValidateRange(1.0, 8.0)]
        public double VideoSpeedMultiplier { get; set; }

        [Parameter]
        [ValidateRange(0.0, 1.0)]
        public double PoseFilteringStrength { get; set; }

        [Parameter]
        public SwitchParameter RootAtOrigin { get; set; }

        /// <summary>From and to, in seconds (video only).</summary>
        [Parameter]
        [ValidateCount(2, 2)]
        public double[] Trim { get; set; }

        /// <summary>Left, top, right, bottom, each 0-1.</summary>
        [Parameter]
        [ValidateCount(4, 4)]
        public double[] Crop { get; set; }

        /// <summary>render.sbs: the mp4 shows the original video beside the character.</summary>
        [Parameter]
        public SwitchParameter RenderSideBySide { get; set; }

        /// <summary>render.bgColor: R, G, B and optionally A, each 0-255.</summary>
        [Parameter]
        [ValidateCount(3, 4)]
        public int[] BackgroundColor { get; set; }

        [Parameter]
        [ValidateSet("studio", IgnoreCase = true)]
        public string Backdrop { get; set; }

        [Parameter]
        public SwitchParameter Shadow { get; set; }

        [Parameter]
        public SwitchParameter IncludeAudio { get; set; }

        /// <summary>render.CamMode: Cinematic (0), Fixed (1) or Face (2).</summary>
        [Parameter]
        [ValidateSet("Cinematic", "Fixed", "Face", IgnoreCase = true)]
        public string CameraMode { get; set; }

        /// <summary>render.camera of older API revisions: closeup or fixed.</summary>
        [Parameter]
        [ValidateSet("closeup", "fixed")]
        public string Camera { get; set; }

        /// <summary>Any other /process parameter, sent as name=value; it overrides a typed parameter of the same name.</summary>
        [Parameter]
        public Hashtable Parameter { get; set; }

        /// <summary>Folder the job saves its result files into when it succeeds.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string Destination { get; set; }

        /// <summary>Keeps the zip archives (bvh, fbx, glb) beside the files extracted from them.</summary>
        [Parameter]
        public SwitchParameter KeepArchive { get; set; }

        [Parameter]
        public DeepMotionSession Session { get; set; }

        protected override void ProcessItem()
        {
            var session = ResolveSession(Session, DeepMotionSession.ServiceName, "Connect-DeepMotion");
            var options = BuildOptions();
            var inputName = ParameterSetName == UrlSet ? DeepMotionClient.FileNameOf(Url) : null;
            if (ParameterSetName == UrlSet && inputName == null)
            {
                throw new AnimationToolsException("DeepMotion.InvalidParameter.Url", ErrorCategory.InvalidArgument, "The URL must be the absolute storage URL returned by Send-Video.", null, Url);
            }
            options.Validate(ProcessOptions.IsImage(inputName));
            var parameters = options.ToParams();
            var destination = Destination == null ? null : GetUnresolvedProviderPathFromPSPath(Destination);

            var target = ParameterSetName == UrlSet ? inputName : "rerun of " + RerunOf;
            if (!ShouldProcess(target, "Start DeepMotion animation job (spends credits): " + string.Join(" ", parameters)))
            {
                return;
            }

            var url = ParameterSetName == UrlSet ? Url : null;
            var rerunOf = ParameterSetName == RerunSet ? RerunOf : null;
            var rid = Run(token => session.Client.StartJobAsync(url, rerunOf, parameters, token));

            var job = new AnimationJob(session, rid, inputName, destination, Format, KeepArchive, MyInvocation.Line?.Trim());
            JobRepository.Add(job);
            job.Follow();
            WriteObject(job);
        }

        ProcessOptions BuildOptions()
        {
            bool? Flag(string name, SwitchParameter value) => MyInvocation.BoundParameters.ContainsKey(name) ? value.IsPresent : (bool?)null;
            double? Number(string name, double value) => MyInvocation.BoundParameters.ContainsKey(name) ? value : (double?)null;
            return new ProcessOptions
            {
                Formats = Format,
                Model = Model,
                Config = Config,
                Simulation = Flag(nameof(Simulation), Simulation),
                TrackFace = Flag(nameof(TrackFace), TrackFace),
                TrackHand = Flag(nameof(TrackHand), TrackHand),
                FootLockingMode = FootLockingMode,
                VideoSpeedMultiplier = Number(nameof(VideoSpeedMultiplier), VideoSpeedMultiplier),
                PoseFilteringStrength = Number(nameof(PoseFilteringStrength), PoseFilteringStrength),
                RootAtOrigin = Flag(nameof(RootAtOrigin), RootAtOrigin),
                Trim = Trim,
                Crop = Crop,
                RenderSideBySide = Flag(nameof(RenderSideBySide), RenderSideBySide),
                BackgroundColor = BackgroundColor,
                Backdrop = Backdrop,
                Shadow = Flag(nameof(Shadow), Shadow),
                IncludeAudio = Flag(nameof(IncludeAudio), IncludeAudio),
                CameraMode = CameraMode,
                Camera = Camera,
                Extra = Parameter,
            };
        }
    }
}
