namespace AnimationTools.Core.Completion
{
    /// <summary>A value Tab can offer: the id to type, and the human name and state shown beside it.</summary>
    public sealed class CompletionCandidate
    {
        public CompletionCandidate(string value, string name = null, string state = null)
        {
            Value = value;
            Name = string.IsNullOrEmpty(name) ? null : name;
            State = string.IsNullOrEmpty(state) ? null : state;
        }

        /// <summary>What completes on the command line (an id, a code ...).</summary>
        public string Value { get; }

        /// <summary>The name a person gave the thing; typing its start also finds the value.</summary>
        public string Name { get; }

        /// <summary>Its status, or any short detail worth seeing before choosing it.</summary>
        public string State { get; }

        /// <summary>"name (state)", "name", "(state)", or the value when there is nothing more to say.</summary>
        public string ToolTip =>
            Name != null && State != null ? $"{Name} ({State})"
            : Name ?? (State != null ? $"{Value} ({State})" : Value);
    }
}
