namespace LivePersist.Linux.Reporting;

/// <summary>A file at the volume root the user should act on, and what to do (<c>status</c>'s <c>notices</c>).</summary>
/// <param name="File">The file's name at the volume root.</param>
/// <param name="Message">What it means and what to do.</param>
public sealed record NoticeJson(string File, string Message);
