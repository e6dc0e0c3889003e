using System.Text;
using Microsoft.Playwright;
using Xunit;

namespace LivePersist.SystemTests.Support;

/// <summary>
/// Debian's chromium (<c>/usr/bin/chromium</c>, from build.sh's packages), headless, driven by
/// Playwright, with a fresh profile deleted at disposal. Playwright never downloads a browser here:
/// nothing calls its <c>install</c>; its driver (node and the JS package) comes with the NuGet
/// package and is copied beside the test assembly (<c>.playwright/</c>) at build time.
/// Screenshots go to <see cref="ScreenshotDirectory"/>, named after the test.
/// </summary>
public sealed class HeadlessBrowser : IAsyncDisposable
{
    public const string ChromiumPath = "/usr/bin/chromium";

    /// <summary>
    /// What chromium gets besides Playwright's own defaults: no sandbox (the tests run as root), no
    /// GPU, and none of the background traffic a browser starts by itself (this machine reaches no
    /// network but its own loopback).
    /// </summary>
    public static readonly IReadOnlyList<string> ChromiumArguments =
    [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
    ];

    private readonly IPlaywright _playwright;
    private readonly string _profile;

    private HeadlessBrowser(IPlaywright playwright, IBrowserContext context, string profile)
    {
        _playwright = playwright;
        Context = context;
        _profile = profile;
    }

    /// <summary><c>artifacts/test-screenshots/</c> of the checkout (kept after the run, like every artifact).</summary>
    public static string ScreenshotDirectory => Path.Combine(RepositoryLayout.Root, "artifacts", "test-screenshots");

    /// <summary>The browser's one context (its fresh profile); open pages with <see cref="NewPageAsync"/>.</summary>
    public IBrowserContext Context { get; }

    /// <summary>Starts Playwright's driver and chromium. Fails with what is missing when the package or the browser is not there.</summary>
    public static async Task<HeadlessBrowser> LaunchAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"No {ChromiumPath}: install Debian's chromium package (./build.sh does, as root).");
        }

        string driver = Path.Combine(AppContext.BaseDirectory, ".playwright");
        if (Environment.GetEnvironmentVariable("PLAYWRIGHT_DRIVER_SEARCH_PATH") is null && !Directory.Exists(driver))
        {
            throw new InvalidOperationException(
                $"Playwright's driver is not beside the tests ({driver}): the Microsoft.Playwright package copies it there at build time; rebuild the test project.");
        }

        string profile = Directory.CreateTempSubdirectory("live-persist-chromium-").FullName;
        IPlaywright? playwright = null;
        try
        {
            playwright = await Playwright.CreateAsync();
            IBrowserContext context = await playwright.Chromium.LaunchPersistentContextAsync(profile, new BrowserTypeLaunchPersistentContextOptions
            {
                ExecutablePath = ChromiumPath,
                Headless = true,
                Args = ChromiumArguments,
                ViewportSize = new ViewportSize { Width = 1024, Height = 768 },
                Timeout = 60_000,
            });
            return new HeadlessBrowser(playwright, context, profile);
        }
        catch
        {
            playwright?.Dispose();
            Directory.Delete(profile, recursive: true);
            throw;
        }
    }

    public Task<IPage> NewPageAsync() => Context.NewPageAsync();

    /// <summary>
    /// Saves a full-page screenshot of <paramref name="page"/> as
    /// <c>artifacts/test-screenshots/CLASS.METHOD[.LABEL].png</c> (the current test's names) and
    /// returns its path, which the test's output also shows.
    /// </summary>
    public static async Task<string> ScreenshotAsync(IPage page, string? label = null)
    {
        Directory.CreateDirectory(ScreenshotDirectory);
        string path = Path.Combine(ScreenshotDirectory, ScreenshotName(label));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        TestContext.Current.TestOutputHelper?.WriteLine($"screenshot: {path}");
        return path;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await Context.CloseAsync();
        }
        finally
        {
            _playwright.Dispose();
            Directory.Delete(_profile, recursive: true);
        }
    }

    private static string ScreenshotName(string? label)
    {
        string className = TestContext.Current.TestCase?.TestClassName ?? "NoTest";
        string method = TestContext.Current.TestCase?.TestMethodName ?? "NoMethod";
        string name = $"{className[(className.LastIndexOf('.') + 1)..]}.{method}{(label is null ? "" : "." + label)}";
        StringBuilder safe = new(name.Length);
        foreach (char c in name)
        {
            safe.Append(char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '_');
        }

        return safe.Append(".png").ToString();
    }
}
