namespace LivePersist.Core.Encryption;

/// <summary>How hard a passphrase is to guess, for the user interface.</summary>
/// <param name="Score">0 (trivially guessed) to 4 (very strong), as zxcvbn scores.</param>
/// <param name="Feedback">One line for the user; never contains the passphrase.</param>
/// <param name="EstimatedBits">The rough entropy estimate the score comes from.</param>
public readonly record struct PassphraseStrengthResult(int Score, string Feedback, double EstimatedBits);
