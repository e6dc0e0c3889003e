namespace LivePersist.Core.Config;

/// <summary>The result of <see cref="ConflictIndex.Find"/>.</summary>
/// <param name="Kind">How the entry relates to <paramref name="Other"/>.</param>
/// <param name="Other">The accepted binding it meets, null for <see cref="ConflictKind.None"/>.</param>
/// <param name="Owner">The number the other binding was added with (a line number for the parser).</param>
internal readonly record struct Conflict(ConflictKind Kind, Binding? Other, int Owner)
{
    /// <summary>Describes the conflict of <paramref name="binding"/>; <paramref name="where"/> completes "used …".</summary>
    internal string Describe(Binding binding, string where)
    {
        string source = DisplayText.Escape(binding.Source);
        string other = DisplayText.Escape(Other?.Source ?? "");
        return Kind switch
        {
            ConflictKind.SameDestination => $"destination '{DisplayText.Escape(binding.Destination)}' is already used {where}",
            ConflictKind.SameSource => $"source '{source}' is already used {where}",
            ConflictKind.InsideSource => $"source '{source}' is inside source '{other}' used {where}",
            ConflictKind.ContainsSource => $"source '{source}' contains source '{other}' used {where}",
            _ => throw new InvalidOperationException($"{Kind} is not a conflict."),
        };
    }
}
