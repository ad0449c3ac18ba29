using System;
using System.Management.Automation;
using System.Threading.Tasks;
using AnimationTools.Core.Cmdlets;
using AnimationTools.Core.Errors;
using AnimationTools.Core.Jobs;

namespace AnimationTools.AvatarSdk
{
    /// <summary>
    /// An avatar computation as a PowerShell job. Its session's poller follows the avatar (Uploading, Queued, Computing
    /// with progress) and, for avatars made with export parameters, then its first export. On success its output is
    /// the completed Avatar; a Failed or Timed Out computation is the job's error (AvatarSdk.Avatar.Failed,
    /// AvatarSdk.Avatar.TimedOut), a status that stays unknown is AvatarSdk.UnknownStatus. Stop-Job stops following
    /// it; the service offers no way to cancel the computation.
    /// </summary>
    public sealed class AvatarJob : PolledJob, IPolledJob<AvatarDto>
    {
        AvatarDto _completed;

        internal AvatarJob(AvatarSdkSession session, string code, string name, bool waitsForExport, string command)
            : base(session, session.AvatarPoller, code, command, string.IsNullOrEmpty(name) ? code : name)
        {
            Session = session;
            Code = code;
            WaitsForExport = waitsForExport;
            RemoteStatus = "Uploading";
        }

        /// <summary>The avatar's code.</summary>
        public string Code { get; }

        /// <summary>Last status the service reported.</summary>
        public string RemoteStatus { get; private set; }

        /// <summary>Computation progress, 0-100.</summary>
        public int PercentComplete { get; private set; }

        /// <summary>Whether the job also waits for the export made with the avatar (export parameters were given).</summary>
        public bool WaitsForExport { get; }

        /// <summary>Code of the first export, once known.</summary>
        public string ExportCode { get; private set; }

        public AvatarSdkSession Session { get; }

        string IPolledJob<AvatarDto>.RemoteId => Code;

        bool IPolledJob<AvatarDto>.OnStatus(AvatarDto status) => OutcomeKnown || Conclude(Apply(status), status?.Status);

        void IPolledJob<AvatarDto>.OnPollFailed(AnimationToolsException error, int consecutiveFailures, bool givingUp) =>
            PollFailed(error, consecutiveFailures, givingUp);

        StatusMeaning Apply(AvatarDto status)
        {
            if (status == null)
            {
                SetStatus("Waiting for the service to answer");
                return StatusMeaning.Running;
            }
            if (status.Missing)
            {
                Fail(new AnimationToolsException("AvatarSdk.Avatar.NotFound", ErrorCategory.ObjectNotFound,
                    $"Avatar {Code} no longer exists (it was deleted).", null, Code).ToErrorRecord(), "Deleted");
                return StatusMeaning.Finished;
            }
            RemoteStatus = status.Status;
            PercentComplete = status.Progress ?? 0;
            switch (status.Status)
            {
                case "Completed":
                    _completed = status;
                    if (WaitsForExport)
                    {
                        SetStatus("Exporting", 100);
                        Session.ExportPoller.Track(new FirstExportWatch(this));
                    }
                    else
                    {
                        Succeed(new object[] { AvatarSdkModels.ToAvatar(status) });
                    }
                    return StatusMeaning.Finished;
                case "Failed":
                    Fail(AvatarSdkErrors.AvatarFailed(Code, status).ToErrorRecord(), "Failed: " + (status.StatusVerbose?.Message ?? "the computation failed"));
                    return StatusMeaning.Finished;
                case "Timed Out":
                    Fail(AvatarSdkErrors.AvatarTimedOut(Code, status).ToErrorRecord(), "Timed Out");
                    return StatusMeaning.Finished;
                case "Computing":
                    SetStatus($"Computing ({PercentComplete} %)", PercentComplete);
                    return StatusMeaning.Running;
                case "Uploading":
                case "Queued":
                // Official clients also see "Pending", a documented passing state (§5.4).
                case "Pending":
                    SetStatus(status.Status, 0);
                    return StatusMeaning.Running;
                default:
                    return StatusMeaning.Unknown;
            }
        }

        bool OnExportStatus(ExportDto export)
        {
            if (IsFinished)
            {
                return true;
            }
            if (export == null)
            {
                SetStatus("Waiting for the export to be listed");
                return false;
            }
            ExportCode = export.Code;
            switch (export.Status)
            {
                case "Completed":
                    Succeed(new object[] { AvatarSdkModels.ToAvatar(_completed) });
                    return true;
                case "Failed":
                    Fail(AvatarSdkErrors.ExportFailed(Code, export.Code).ToErrorRecord(), "Export failed");
                    return true;
                default:
                    if (!AvatarExportJob.IsPassing(export.Status))
                    {
                        return !TolerateUnknown(export.Status);
                    }
                    KnownStatus();
                    SetStatus("Exporting (" + export.Status + ")");
                    return false;
            }
        }

        /// <summary>Follows the export made with the avatar, and reports to the job.</summary>
        sealed class FirstExportWatch : IPolledJob<ExportDto>
        {
            readonly AvatarJob _job;

            public FirstExportWatch(AvatarJob job)
            {
                _job = job;
            }

            public string RemoteId => _job.Code + "/" + AvatarSdkClient.FirstExport;

            public bool OnStatus(ExportDto status) => _job.OnExportStatus(status);

            public void OnPollFailed(AnimationToolsException error, int consecutiveFailures, bool givingUp) => _job.PollFailed(error, consecutiveFailures, givingUp);
        }
    }

    /// <summary>An export computation (New-AvatarExport) as a PowerShell job; its output is the completed AvatarExport.</summary>
    public sealed class AvatarExportJob : PolledJob, IPolledJob<ExportDto>
    {
        internal AvatarExportJob(AvatarSdkSession session, string avatarCode, string exportCode, string command)
            : base(session, session.ExportPoller, avatarCode + "/" + exportCode, command, "export " + exportCode)
        {
            Session = session;
            AvatarCode = avatarCode;
            Code = exportCode;
            RemoteStatus = "Queued";
        }

        public string AvatarCode { get; }

        /// <summary>The export's code.</summary>
        public string Code { get; }

        /// <summary>The export's code (its avatar's is <see cref="AvatarCode"/>).</summary>
        public override string RemoteId => Code;

        public string RemoteStatus { get; private set; }

        public AvatarSdkSession Session { get; }

        /// <summary>Export statuses that are known and not final (the avatar's names, §5.4).</summary>
        internal static bool IsPassing(string status) => status == "Queued" || status == "Computing" || status == "Uploading" || status == "Pending";

        string IPolledJob<ExportDto>.RemoteId => AvatarCode + "/" + Code;

        bool IPolledJob<ExportDto>.OnStatus(ExportDto status) => OutcomeKnown || Conclude(Apply(status), status?.Status);

        void IPolledJob<ExportDto>.OnPollFailed(AnimationToolsException error, int consecutiveFailures, bool givingUp) =>
            PollFailed(error, consecutiveFailures, givingUp);

        StatusMeaning Apply(ExportDto status)
        {
            if (status == null || status.Missing)
            {
                Fail(new AnimationToolsException("AvatarSdk.Export.NotFound", ErrorCategory.ObjectNotFound, $"Export {Code} of avatar {AvatarCode} no longer exists.", null, Code).ToErrorRecord());
                return StatusMeaning.Finished;
            }
            RemoteStatus = status.Status;
            switch (status.Status)
            {
                case "Completed":
                    Succeed(new object[] { AvatarSdkModels.ToExport(status) });
                    return StatusMeaning.Finished;
                case "Failed":
                    Fail(AvatarSdkErrors.ExportFailed(AvatarCode, Code).ToErrorRecord(), "Failed");
                    return StatusMeaning.Finished;
                default:
                    if (!IsPassing(status.Status))
                    {
                        return StatusMeaning.Unknown;
                    }
                    SetStatus(status.Status, status.Status == "Computing" ? 50 : 0);
                    return StatusMeaning.Running;
            }
        }
    }

    /// <summary>The errors of computations that ended badly.</summary>
    static class AvatarSdkErrors
    {
        public static AnimationToolsException AvatarFailed(string code, AvatarDto status) =>
            new AnimationToolsException("AvatarSdk.Avatar.Failed", ErrorCategory.InvalidData,
                $"Avatar {code} failed" + (status.StatusVerbose == null ? "." : $" ({status.StatusVerbose.Code}): {status.StatusVerbose.Message}"), null, code)
            {
                RecommendedAction = "Use a sharp, well-lit, frontal photo of one face and create the avatar again.",
            };

        public static AnimationToolsException AvatarTimedOut(string code, AvatarDto status) =>
            new AnimationToolsException("AvatarSdk.Avatar.TimedOut", ErrorCategory.OperationTimeout,
                $"The computation of avatar {code} took too long and was stopped by the service" + (status.StatusVerbose?.Message == null ? "." : ": " + status.StatusVerbose.Message), null, code)
            {
                RecommendedAction = "Create the avatar again.",
            };

        public static AnimationToolsException ExportFailed(string avatarCode, string exportCode) =>
            new AnimationToolsException("AvatarSdk.Export.Failed", ErrorCategory.InvalidResult, $"Export {exportCode} of avatar {avatarCode} failed.", null, exportCode)
            {
                RecommendedAction = "Check the export parameters and create the export again with New-AvatarExport.",
            };
    }
}
