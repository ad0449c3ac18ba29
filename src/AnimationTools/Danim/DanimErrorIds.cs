namespace AnimationTools.Danim
{
    /// <summary>
    /// The error ids the module itself raises for Danim (the service's own failures are <c>Danim.&lt;meta.type&gt;</c>,
    /// problems of template data <c>Danim.TemplateData.&lt;Rule&gt;</c>). Documented in the cmdlet pages.
    /// </summary>
    static class DanimErrorIds
    {
        public const string Prefix = "Danim.";
        public const string TemplateDataPrefix = "Danim.TemplateData.";
        public const string TemplateDataInvalid = "Danim.TemplateData.Invalid";
        public const string InvalidResponse = "Danim.InvalidResponse";
        public const string MissingCredential = "Danim.MissingCredential";
        public const string IncompleteCredential = "Danim.IncompleteCredential";
        public const string DownloadFailed = "Danim.DownloadFailed";
        public const string NothingToChange = "Danim.NothingToChange";
        public const string VideoNotDone = "Danim.VideoNotDone";
        public const string InvalidLogo = "Danim.InvalidLogo";
        public const string InvalidCallbackUrl = "Danim.InvalidCallbackUrl";
        public const string FileIsFolder = "Danim.FileIsFolder";
        public const string FileNotFound = "Danim.FileNotFound";
        public const string FileExtensionIsNotAccepted = "Danim.FileExtensionIsNotAccepted";
        public const string EmptyFile = "Danim.EmptyFile";
        public const string FileIsTooLarge = "Danim.FileIsTooLarge";
    }
}
