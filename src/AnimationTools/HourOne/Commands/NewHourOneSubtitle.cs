using System;
using System.Linq;
using System.Management.Automation;
using AnimationTools.Core.Cmdlets;
using AnimationTools.Core.Errors;

namespace AnimationTools.HourOne.Commands
{
    /// <summary>
    /// Makes subtitles for a rendered video (POST /videos/{id}/subtitles) in one of Hour One's languages, as WebVTT or
    /// SubRip, and with -Destination downloads them as &lt;id&gt;.&lt;language&gt;.&lt;format&gt;.
    /// </summary>
    [Cmdlet(VerbsCommon.New, "HourOneSubtitle", HelpUri = "https://github.com/animationtools/AnimationTools/blob/main/docs/New-HourOneSubtitle.md")]
    [OutputType(typeof(HourOneSubtitle))]
    public sealed class NewHourOneSubtitle : AnimationCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("VideoId")]
        [ArgumentCompleter(typeof(HourOneVideoIdCompleter))]
        [ValidateNotNullOrEmpty]
        public string[] Id { get; set; }

        /// <summary>en, es, de, pt, it, fr, nl, ja, tr, pl, hu, cz, he, zh, hi, ru, ko or ar.</summary>
        [Parameter(Mandatory = true, Position = 1)]
        [ArgumentCompleter(typeof(HourOneLanguageCompleter))]
        [ValidateNotNullOrEmpty]
        public string Language { get; set; }

        [Parameter]
        [ValidateSet("vtt", "srt")]
        public string Format { get; set; } = "vtt";

        /// <summary>A folder to download the subtitle file into.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string Destination { get; set; }

        [Parameter]
        public HourOneSession Session { get; set; }

        protected override void ProcessItem()
        {
            var session = ResolveSession(Session, HourOneSession.ServiceName, "Connect-HourOne");
            var language = Language.ToLowerInvariant();
            if (!HourOneInput.SubtitleLanguages.Contains(language))
            {
                ThrowFailure(HourOneInput.Invalid(nameof(Language),
                    $"Hour One makes no subtitles in '{Language}'; the languages are {string.Join(", ", HourOneInput.SubtitleLanguages)}."));
            }
            var format = Format.ToLowerInvariant();
            var folder = Destination == null ? null : GetUnresolvedProviderPathFromPSPath(Destination);
            foreach (var id in Id)
            {
                try
                {
                    WriteObject(Run(async token =>
                    {
                        var dto = await session.Client.CreateSubtitleAsync(id, language, format, token).ConfigureAwait(false);
                        var subtitle = new HourOneSubtitle { VideoId = id, Language = dto.LanguageCode ?? language, Format = dto.Format ?? format, Url = dto.Url };
                        if (folder != null)
                        {
                            subtitle.File = await session.Client.DownloadSubtitleAsync(id, dto, folder, token).ConfigureAwait(false);
                        }
                        return subtitle;
                    }));
                }
                catch (AnimationToolsException ex)
                {
                    ex.Target = ex.Target ?? id;
                    WriteError(ex.ToErrorRecord());
                }
            }
        }
    }
}
