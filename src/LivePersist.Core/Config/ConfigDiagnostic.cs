namespace LivePersist.Core.Config;

/// <summary>A line of <c>persistence.conf</c> that is not used, and why.</summary>
/// <param name="LineNumber">The line number, from 1; 0 when the whole file is refused.</param>
/// <param name="LineText">The line for display (see <see cref="RawLine.Text"/>), without its line terminator.</param>
/// <param name="Reason">Why the line is refused, short and specific, for the user.</param>
public sealed record ConfigDiagnostic(int LineNumber, string LineText, string Reason)
{
    /// <summary>Returns "line N: reason".</summary>
    public override string ToString() => LineNumber == 0 ? Reason : $"line {LineNumber}: {Reason}";
}
