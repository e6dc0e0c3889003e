using System.Globalization;
using LivePersist.SystemTests.Support;
using Microsoft.Playwright;
using Xunit;

namespace LivePersist.SystemTests;

/// <summary>
/// The web UI in Debian's chromium, against the real live-persistd in the VM with real dm-crypt
/// (<c>Scenarios/service-web.sh</c>): the Welcome Screen's unlock (a wrong passphrase, then the
/// right one), then the settings as the desktop user: a feature switched on and off with its bind
/// mount appearing and disappearing, a custom folder, the dialog for an application that holds a
/// feature's files, a passphrase change. Each screen is saved as a screenshot
/// (<c>artifacts/test-screenshots/WebUiTests.*.png</c>).
/// </summary>
[Collection(VirtualMachineCollection.Name)]
public sealed class WebUiTests(WebUiTests.Journey journey) : IClassFixture<WebUiTests.Journey>
{
    private const string Mapping = "/dev/mapper/TailsData_unlocked";

    [Fact]
    public void Launcher_Should_OpenTheUnlockScreenForTheWelcomeScreensUser()
    {
        journey.AssertStep("open-unlock");
        Assert.EndsWith("/unlock", journey.Seen["open-unlock.url"], StringComparison.Ordinal);
        Assert.DoesNotContain("token", journey.Seen["open-unlock.url"], StringComparison.Ordinal);
    }

    [Fact]
    public void Unlock_Should_SayThePassphraseIsWrongAndLetTheUserRetry()
    {
        journey.AssertStep("wrong-passphrase");
        Assert.Contains("passphrase", journey.Seen["wrong-passphrase.error"], StringComparison.OrdinalIgnoreCase);
        Assert.Equal(string.Empty, journey.Seen["wrong-passphrase.field"]);
        Assert.Equal("passphrase", journey.Seen["wrong-passphrase.focus"]);
        Assert.Equal("none", journey.Seen["wrong-passphrase.mount"]);
    }

    [Fact]
    public void Unlock_Should_MountThePersistentStorage_When_ThePassphraseIsRight()
    {
        journey.AssertStep("unlock");
        Assert.Contains("unlocked", journey.Seen["unlock.message"], StringComparison.OrdinalIgnoreCase);
        Assert.Equal($"{Mapping}[/Persistent]", journey.Seen["unlock.mount"]);
    }

    [Fact]
    public void FeatureSwitch_Should_AddAndRemoveTheBindMountAtOnce()
    {
        journey.AssertStep("feature-on");
        Assert.Equal($"{Mapping}[/gnupg]", journey.Seen["feature-on.mount"]);
        journey.AssertStep("feature-off");
        Assert.Equal("none", journey.Seen["feature-off.mount"]);
    }

    [Fact]
    public void CustomFolder_Should_BePersistentAtOnce_When_Added()
    {
        journey.AssertStep("custom-folder");
        Assert.Equal($"{Mapping}[/home/amnesia/Music]", journey.Seen["custom-folder.mount"]);
    }

    [Fact]
    public void SoftwareOffer_Should_AddThePackageToTheList_When_TheUserInstallsItEveryTime()
    {
        journey.AssertStep("software-offer");
        Assert.Equal("Add mat2 to your additional software?", journey.Seen["software-offer.question"]);
        Assert.Equal("115:122 644|mat2", journey.Seen["software-offer.list"]);
        Assert.Equal("0", journey.Seen["software-offer.offers-left"]);
    }

    [Fact]
    public void BusyFeature_Should_ShowTheApplicationAndGoOnOnceItQuits()
    {
        journey.AssertStep("conflicting-apps");
        Assert.Contains("sleep", journey.Seen["conflicting-apps.listed"], StringComparison.Ordinal);
        Assert.Equal($"{Mapping}[/gnupg]", journey.Seen["conflicting-apps.mount-while-open"]);
        Assert.Equal("none", journey.Seen["conflicting-apps.mount-after-quit"]);
    }

    [Fact]
    public void ChangePassphrase_Should_MakeTheNewPassphraseOpenTheVolume()
    {
        journey.AssertStep("change-passphrase");
        Assert.Equal("new opens: 0, old opens: 2", journey.Seen["change-passphrase.keys"]);
    }

    [Fact]
    public void Screens_Should_BeSavedAsScreenshots()
    {
        journey.AssertStep("change-passphrase");
        Assert.All(journey.Screenshots, path => Assert.True(new FileInfo(path).Length > 1000, path));
        Assert.True(journey.Screenshots.Count >= 7, string.Join(", ", journey.Screenshots));
    }

    /// <summary>
    /// One boot and one browser: the steps run in order, each records what it saw in <see cref="Seen"/>; the
    /// first that fails stops the journey, and every test that needs it or a later step fails with its error.
    /// </summary>
    public sealed class Journey(VirtualMachine virtualMachine) : IAsyncLifetime
    {
        private const string Greeter = "116";
        private const string Desktop = "1000";
        private static readonly TimeSpan s_jobTimeout = TimeSpan.FromMinutes(3);
        private readonly ScratchDirectory _scratch = new();
        private readonly List<string> _steps = [];
        private (string Step, Exception Error)? _failure;
        private RunningVm? _vm;
        private IPage? _page;

        public Dictionary<string, string> Seen { get; } = [];

        public List<string> Screenshots { get; } = [];

        /// <summary>Fails unless <paramref name="step"/> ran to its end.</summary>
        public void AssertStep(string step)
        {
            if (_steps.Contains(step))
            {
                return;
            }

            Assert.Fail(_failure is (string failed, Exception error)
                ? $"the journey stopped at '{failed}' before '{step}': {error}\n{_vm?.Output[^Math.Min(_vm.Output.Length, 4000)..]}"
                : $"'{step}' did not run");
        }

        public async ValueTask InitializeAsync()
        {
            CancellationToken cancellationToken = TestContext.Current.CancellationToken;
            string share = _scratch.CreateDirectory("share");
            StickImage stick = StickImage.CreateTails(_scratch.Combine("stick.img"));
            string passphrase = "correct horse battery staple " + Guid.NewGuid().ToString("N")[..6];
            string newPassphrase = "another long passphrase " + Guid.NewGuid().ToString("N")[..6];
            await File.WriteAllTextAsync(Path.Combine(share, "passphrase"), passphrase, cancellationToken);
            await File.WriteAllTextAsync(Path.Combine(share, "new-passphrase"), newPassphrase, cancellationToken);
            int port = LoopbackPort.FindFree();
            await using HeadlessBrowser browser = await HeadlessBrowser.LaunchAsync();
            _vm = await virtualMachine.StartAsync(
                VmScenario.FromScenarios("service-web.sh", port.ToString(CultureInfo.InvariantCulture)),
                new VmRunOptions { Sticks = [stick.Path], ShareDirectory = share, ForwardedPorts = [port], Timeout = TimeSpan.FromMinutes(15) },
                cancellationToken: cancellationToken);
            _page = await browser.NewPageAsync();
            _page.SetDefaultTimeout(60_000);
            try
            {
                await RunStepsAsync(passphrase, newPassphrase, cancellationToken);
            }
            finally
            {
                await _vm.StopAsync();
            }
        }

        public async ValueTask DisposeAsync()
        {
            if (_vm is not null)
            {
                await _vm.DisposeAsync();
            }

            _scratch.Dispose();
        }

        private async Task RunStepsAsync(string passphrase, string newPassphrase, CancellationToken cancellationToken)
        {
            IPage page = _page!;
            await StepAsync("open-unlock", async () =>
            {
                await page.GotoAsync(await LaunchAsync(Greeter, "unlock", cancellationToken));
                await Assertions.Expect(page.Locator("#passphrase")).ToBeVisibleAsync();
                Seen["open-unlock.url"] = page.Url;
                await ScreenshotAsync("1-unlock");
            });
            await StepAsync("wrong-passphrase", async () =>
            {
                await page.Locator("#passphrase").FillAsync(passphrase + "-wrong");
                await page.Locator("#unlock").ClickAsync();
                await Assertions.Expect(page.Locator("#unlock-error")).ToBeVisibleAsync(new() { Timeout = (float)s_jobTimeout.TotalMilliseconds });
                await Assertions.Expect(page.Locator("body")).Not.ToHaveClassAsync(new System.Text.RegularExpressions.Regex("busy"));
                Seen["wrong-passphrase.error"] = await page.Locator("#unlock-error").InnerTextAsync();
                Seen["wrong-passphrase.field"] = await page.Locator("#passphrase").InputValueAsync();
                Seen["wrong-passphrase.focus"] = await page.EvaluateAsync<string>("() => document.activeElement?.id ?? ''");
                Seen["wrong-passphrase.mount"] = await MountSourceAsync("/home/amnesia/Persistent", cancellationToken);
                await ScreenshotAsync("2-wrong-passphrase");
            });
            await StepAsync("unlock", async () =>
            {
                await page.Locator("#passphrase").FillAsync(passphrase);
                await page.Locator("#unlock").ClickAsync();
                await Assertions.Expect(page.Locator("#unlock-done")).ToBeVisibleAsync(new() { Timeout = (float)s_jobTimeout.TotalMilliseconds });
                Seen["unlock.message"] = await page.Locator("#unlock-done").InnerTextAsync();
                Seen["unlock.mount"] = await MountSourceAsync("/home/amnesia/Persistent", cancellationToken);
                await ScreenshotAsync("3-unlocked");
            });
            ILocator gnupg = page.Locator("[role=switch][data-feature-id=\"GnuPG\"]");
            await StepAsync("open-settings", async () =>
            {
                await page.GotoAsync(await LaunchAsync(Desktop, "settings", cancellationToken));
                await IdleAsync();
                await Assertions.Expect(gnupg).ToBeVisibleAsync();
                await ScreenshotAsync("4-settings");
            });
            await StepAsync("feature-on", async () =>
            {
                await SwitchAsync(gnupg, on: true);
                Seen["feature-on.mount"] = await MountSourceAsync("/home/amnesia/.gnupg", cancellationToken);
                await ScreenshotAsync("5-feature-on");
            });
            await StepAsync("feature-off", async () =>
            {
                await SwitchAsync(gnupg, on: false);
                Seen["feature-off.mount"] = await MountSourceAsync("/home/amnesia/.gnupg", cancellationToken);
            });
            await StepAsync("custom-folder", async () =>
            {
                await page.Locator("#custom-folder-destination").FillAsync("/home/amnesia/Music");
                await page.Locator("#add-custom-folder").ClickAsync();
                await Assertions.Expect(page.Locator("[data-remove-destination=\"/home/amnesia/Music\"]")).ToBeVisibleAsync(new() { Timeout = (float)s_jobTimeout.TotalMilliseconds });
                await IdleAsync();
                Seen["custom-folder.mount"] = await MountSourceAsync("/home/amnesia/Music", cancellationToken);
                await ScreenshotAsync("6-custom-folder");
            });
            await StepAsync("software-offer", async () =>
            {
                // An offer as the APT hook records it after 'apt install mat2' (root's, 0644, in /run); the page
                // reads it again when its window comes back to the foreground.
                await _vm!.Shell.RunCheckedAsync(
                    "install -d -m 0755 /run/live-persist/additional-software && " +
                    "printf '%s' '{\"version\": 1, \"offers\": [{\"package\": \"mat2\", \"action\": \"add\", \"since\": \"2026-12-01T10:00:00+00:00\"}]}' " +
                    ">/run/live-persist/additional-software/offers.json && chmod 0644 /run/live-persist/additional-software/offers.json",
                    cancellationToken: cancellationToken);
                await page.EvaluateAsync("() => document.dispatchEvent(new Event('visibilitychange'))");
                ILocator offer = page.Locator("[data-offer=\"mat2\"][data-offer-action=\"add\"]");
                await Assertions.Expect(offer).ToBeVisibleAsync();
                Seen["software-offer.question"] = (await offer.Locator(".offer-question").InnerTextAsync()).Trim();
                await ScreenshotAsync("7-software-offer");
                await page.Locator("[data-accept-offer=\"mat2\"]").ClickAsync();
                await Assertions.Expect(page.Locator("[data-package=\"mat2\"]")).ToBeVisibleAsync();
                await Assertions.Expect(offer).ToHaveCountAsync(0);
                Seen["software-offer.list"] = (await _vm.Shell.RunCheckedAsync(
                    "f=/live/persistence/TailsData_unlocked/live-additional-software.conf; echo \"$(stat -c '%u:%g %a' $f)|$(cat $f)\"",
                    cancellationToken: cancellationToken)).Trim();
                Seen["software-offer.offers-left"] = (await _vm.Shell.RunCheckedAsync(
                    "grep -c mat2 /run/live-persist/additional-software/offers.json || true", cancellationToken: cancellationToken)).Trim();
            });
            await StepAsync("conflicting-apps", async () =>
            {
                await SwitchAsync(gnupg, on: true);
                string holder = (await _vm!.Shell.RunCheckedAsync(
                    "setsid -f setpriv --reuid=1000 --regid=1000 --clear-groups -- bash -c 'cd /home/amnesia/.gnupg && exec sleep 600' </dev/null >/dev/null 2>&1; " +
                    "for i in $(seq 50); do pgrep -x sleep && break; sleep 0.1; done",
                    cancellationToken: cancellationToken)).Trim();
                await gnupg.ClickAsync();
                ILocator dialog = page.Locator("#conflicting-apps-dialog");
                await Assertions.Expect(dialog).ToBeVisibleAsync(new() { Timeout = (float)s_jobTimeout.TotalMilliseconds });
                Seen["conflicting-apps.listed"] = await page.Locator("#conflicting-apps").InnerTextAsync();
                Seen["conflicting-apps.mount-while-open"] = await MountSourceAsync("/home/amnesia/.gnupg", cancellationToken);
                await ScreenshotAsync("8-conflicting-apps");
                await _vm.Shell.RunCheckedAsync($"kill {holder}", cancellationToken: cancellationToken);
                await Assertions.Expect(dialog).ToBeHiddenAsync(new() { Timeout = (float)s_jobTimeout.TotalMilliseconds });
                await Assertions.Expect(gnupg).ToHaveAttributeAsync("aria-checked", "false", new() { Timeout = (float)s_jobTimeout.TotalMilliseconds });
                await IdleAsync();
                Seen["conflicting-apps.mount-after-quit"] = await MountSourceAsync("/home/amnesia/.gnupg", cancellationToken);
            });
            await StepAsync("change-passphrase", async () =>
            {
                await page.Locator("#current-passphrase").FillAsync(passphrase);
                await page.Locator("#new-passphrase").FillAsync(newPassphrase);
                await page.Locator("#new-passphrase-confirm").FillAsync(newPassphrase);
                await page.Locator("#change-passphrase-submit").ClickAsync();
                await Assertions.Expect(page.Locator("#change-passphrase-status")).ToContainTextAsync("changed", new() { Timeout = (float)s_jobTimeout.TotalMilliseconds });
                await ScreenshotAsync("9-passphrase-changed");
                Seen["change-passphrase.keys"] = (await _vm!.Shell.RunCheckedAsync(
                    "source \"$VM_REPO/tests/LivePersist.SystemTests/Scenarios/lib.sh\"; part=$(partition_by_name \"$(first_stick)\" TailsData); " +
                    "n=0; cryptsetup open --test-passphrase --key-file new-passphrase \"$part\" || n=$?; " +
                    "o=0; cryptsetup open --test-passphrase --key-file passphrase \"$part\" || o=$?; echo \"new opens: $n, old opens: $o\"",
                    cancellationToken: cancellationToken)).Trim();
            });
        }

        private async Task StepAsync(string name, Func<Task> step)
        {
            if (_failure is not null)
            {
                return;
            }

            try
            {
                await step();
                _steps.Add(name);
            }
            catch (Exception exception) when (exception is PlaywrightException or TimeoutException or InvalidOperationException or Xunit.Sdk.XunitException)
            {
                _failure = (name, exception);
                await ScreenshotAsync($"failed-at-{name}");
            }
        }

        // The launcher as the user runs it (live-persist app), asking the service over its socket as that uid.
        private async Task<string> LaunchAsync(string uid, string screen, CancellationToken cancellationToken) =>
            (await _vm!.Shell.RunCheckedAsync(
                $"setpriv --reuid={uid} --regid={uid} --clear-groups -- \"$VM_REPO/artifacts/bin/live-persist\" app --screen {screen} --print-url",
                cancellationToken: cancellationToken)).Trim();

        private async Task<string> MountSourceAsync(string path, CancellationToken cancellationToken) =>
            (await _vm!.Shell.RunCheckedAsync(
                $"source \"$VM_REPO/tests/LivePersist.SystemTests/Scenarios/lib.sh\"; mount_source {path}",
                cancellationToken: cancellationToken)).Trim();

        private async Task SwitchAsync(ILocator feature, bool on)
        {
            await feature.ClickAsync();
            await Assertions.Expect(feature).ToHaveAttributeAsync("aria-checked", on ? "true" : "false", new() { Timeout = (float)s_jobTimeout.TotalMilliseconds });
            await IdleAsync();
        }

        private Task IdleAsync() =>
            Assertions.Expect(_page!.Locator("body:not(.busy):not(.loading)")).ToBeVisibleAsync(new() { Timeout = (float)s_jobTimeout.TotalMilliseconds });

        private async Task ScreenshotAsync(string label)
        {
            Directory.CreateDirectory(HeadlessBrowser.ScreenshotDirectory);
            string path = Path.Combine(HeadlessBrowser.ScreenshotDirectory, $"WebUiTests.{label}.png");
            await _page!.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
            Screenshots.Add(path);
        }
    }
}
