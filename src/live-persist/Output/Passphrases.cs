using LivePersist.Core;
using LivePersist.Core.Encryption;
using LivePersist.Linux.Secrets;

namespace LivePersist.Cli.Output;

/// <summary>
/// Asks for passphrases: from the terminal without echo (a new one twice, with strength feedback), or,
/// when stdin is not a terminal, one line of stdin each. Never from arguments or the environment.
/// </summary>
internal sealed class Passphrases
{
    private readonly PassphraseReader _reader = PassphraseReader.ForStandardInput();

    public SecretBuffer Existing(string prompt = "Passphrase: ") => _reader.Read(prompt);

    public SecretBuffer New(string prompt = "New passphrase: ")
    {
        SecretBuffer passphrase = _reader.Read(prompt);
        try
        {
            PassphraseStrength.EnsureNotEmpty(passphrase.Span);
            if (!_reader.IsTerminal)
            {
                return passphrase;
            }

            PassphraseStrengthResult strength = PassphraseStrength.Estimate(passphrase.Span);
            Console.Error.WriteLine($"Strength: {strength.Score}/4. {strength.Feedback}");
            using SecretBuffer again = _reader.Read("Repeat the passphrase: ");
            if (!passphrase.Span.SequenceEqual(again.Span))
            {
                throw new PersistenceException(ErrorKind.Usage, "The two passphrases differ; nothing was changed. Try again.");
            }

            return passphrase;
        }
        catch
        {
            passphrase.Dispose();
            throw;
        }
    }
}
