namespace LivePersist.Cli.Commands;

/// <summary>A command whose help goes on after the options (with what does not fit a one-line description).</summary>
internal interface IHelpEpilogue
{
    /// <summary>The text printed after the options, before the exit codes.</summary>
    string Epilogue { get; }
}
