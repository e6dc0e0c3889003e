using System.Globalization;
using LivePersist.Core.Config;
using Xunit;

namespace LivePersist.Core.Tests.Config;

/// <summary>
/// Throws 100,000 generated, damaged and random files at the parser. The seed changes on every run and
/// is in every failure message; set LIVEPERSIST_FUZZ_SEED to replay one. The timeouts only guard
/// against hangs.
/// </summary>
public sealed class PersistenceConfFuzzTests
{
    private const int HangGuardMilliseconds = 120_000;

    [Fact(Timeout = HangGuardMilliseconds)]
    public async Task Parse_Should_ReturnTheWrittenModel_When_FileWasWrittenFromAValidModel()
    {
        // Given
        int seed = NextSeed();
        var fuzzer = new ConfigFuzzer(seed);
        CancellationToken cancellation = TestContext.Current.CancellationToken;

        await Task.Run(
            () =>
            {
                for (int i = 0; i < 25_000; i++)
                {
                    cancellation.ThrowIfCancellationRequested();
                    PersistenceConfiguration model = fuzzer.NextConfiguration();

                    // When
                    byte[] written = PersistenceConfWriter.Write(model);
                    ConfigParseResult result = Check(seed, i, written, () => PersistenceConfParser.Parse(written));

                    // Then
                    if (result.Diagnostics.Count > 0 || !result.Configuration.Equals(model))
                    {
                        Assert.Fail(Describe(seed, i, written,
                            $"read back as\n{result.Configuration}\nwith {string.Join("; ", result.Diagnostics)}"));
                    }
                }
            },
            cancellation);
    }

    [Fact(Timeout = HangGuardMilliseconds)]
    public async Task Write_Should_BeAFixedPoint_When_FileIsADamagedValidFile()
    {
        // Given
        int seed = NextSeed();
        var fuzzer = new ConfigFuzzer(seed);
        CancellationToken cancellation = TestContext.Current.CancellationToken;

        await Task.Run(
            () =>
            {
                byte[][] valid = [.. Enumerable.Range(0, 500).Select(_ => PersistenceConfWriter.Write(fuzzer.NextConfiguration()))];
                for (int i = 0; i < 50_000; i++)
                {
                    cancellation.ThrowIfCancellationRequested();
                    byte[] damaged = fuzzer.Mutate(valid[i % valid.Length], valid[(i * 7 + 3) % valid.Length]);

                    // When / Then
                    CheckFixedPoint(seed, i, damaged);
                }
            },
            cancellation);
    }

    [Fact(Timeout = HangGuardMilliseconds)]
    public async Task Write_Should_BeAFixedPoint_When_FileIsRandomBytes()
    {
        // Given
        int seed = NextSeed();
        var fuzzer = new ConfigFuzzer(seed);
        CancellationToken cancellation = TestContext.Current.CancellationToken;

        await Task.Run(
            () =>
            {
                for (int i = 0; i < 25_000; i++)
                {
                    cancellation.ThrowIfCancellationRequested();
                    byte[] noise = fuzzer.NextNoise();

                    // When / Then
                    CheckFixedPoint(seed, i, noise);
                }
            },
            cancellation);
    }

    private static void CheckFixedPoint(int seed, int iteration, byte[] input)
    {
        ConfigParseResult first = Check(seed, iteration, input, () => PersistenceConfParser.Parse(input));
        byte[] written = PersistenceConfWriter.Write(first.Configuration);
        ConfigParseResult second = Check(seed, iteration, input, () => PersistenceConfParser.Parse(written));
        byte[] rewritten = PersistenceConfWriter.Write(second.Configuration);
        if (!second.Configuration.Equals(first.Configuration) || !rewritten.AsSpan().SequenceEqual(written))
        {
            Assert.Fail(Describe(seed, iteration, input,
                $"written as\n{first.Configuration}\nrewritten as\n{second.Configuration}"));
        }

        int lines = input.Count(b => b == (byte)'\n') + 1;
        if (first.Diagnostics.Any(d => d.LineNumber < 1 || d.LineNumber > lines))
        {
            Assert.Fail(Describe(seed, iteration, input, $"a diagnostic names a line outside 1..{lines}"));
        }
    }

    private static ConfigParseResult Check(int seed, int iteration, byte[] input, Func<ConfigParseResult> parse)
    {
        try
        {
            return parse();
        }
        catch (Exception exception)
        {
            throw new InvalidOperationException(Describe(seed, iteration, input, "the parser threw"), exception);
        }
    }

    private static string Describe(int seed, int iteration, byte[] input, string problem) =>
        $"Fuzz seed {seed} (replay with LIVEPERSIST_FUZZ_SEED={seed}), case {iteration}, input {Convert.ToHexString(input)}: {problem}";

    private static int NextSeed() =>
        Environment.GetEnvironmentVariable("LIVEPERSIST_FUZZ_SEED") is string text
            ? int.Parse(text, CultureInfo.InvariantCulture)
            : Random.Shared.Next();
}
