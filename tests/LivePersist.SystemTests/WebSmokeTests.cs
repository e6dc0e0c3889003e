using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using LivePersist.SystemTests.Support;
using Microsoft.Playwright;
using Xunit;

namespace LivePersist.SystemTests;

/// <summary>
/// The path every browser test of the web UI takes, in one boot (<c>Scenarios/web-smoke.sh</c>): a
/// server bound to the guest's 127.0.0.1:PORT only, reached from the host's chromium at
/// http://127.0.0.1:PORT through qemu's forward and the guest's relay, seeing the Host, Origin and
/// peer a local browser would give it; commands run in the guest while it runs (one killed at its
/// timeout); a screenshot.
/// </summary>
[Collection(VirtualMachineCollection.Name)]
public sealed class WebSmokeTests(VirtualMachine virtualMachine)
{
    [Fact]
    public async Task Browser_Should_SeeTheGuestLoopbackServerAsALocalBrowser_When_ItsPortIsForwarded()
    {
        // Given
        CancellationToken cancellationToken = TestContext.Current.CancellationToken;
        int port = LoopbackPort.FindFree();
        await using HeadlessBrowser browser = await HeadlessBrowser.LaunchAsync();
        await using RunningVm vm = await virtualMachine.StartAsync(
            VmScenario.FromScenarios("web-smoke.sh", port.ToString(CultureInfo.InvariantCulture)),
            new VmRunOptions { ForwardedPorts = [port], Timeout = TimeSpan.FromMinutes(5) },
            cancellationToken: cancellationToken);
        string origin = $"http://127.0.0.1:{port}";

        // When
        IPage page = await browser.NewPageAsync();
        IResponse? response = await page.GotoAsync(vm.Url(port));
        await Assertions.Expect(page.Locator("#origin")).ToHaveTextAsync(origin);
        string screenshot = await HeadlessBrowser.ScreenshotAsync(page);
        GuestCommandResult command = await vm.Shell.RunAsync(
            "cat /sys/class/net/lo/operstate; ip -4 -o addr show | awk '{ print $2, $4 }'; id -u; echo to-stderr >&2; exit 7",
            cancellationToken: cancellationToken);
        GuestCommandResult hung = await vm.Shell.RunAsync("sleep 60", TimeSpan.FromSeconds(1), cancellationToken);
        Stopwatch stopping = Stopwatch.StartNew();
        VmRunResult run = await vm.StopAsync();
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"timings: ready after {vm.TimeToReady.TotalSeconds:F1} s (server start {vm.ReadyFacts["server_seconds"]} s); " +
            $"command {command.Duration.TotalSeconds:F1} s, hung command {hung.Duration.TotalSeconds:F1} s; " +
            $"stop {stopping.Elapsed.TotalSeconds:F1} s; whole run {run.Duration.TotalSeconds:F1} s");

        // Then
        Assert.Equal(200, response?.Status);
        await Assertions.Expect(page.Locator("#greeting")).ToHaveTextAsync("Hello from the guest");
        await Assertions.Expect(page.Locator("#host")).ToHaveTextAsync($"127.0.0.1:{port}");
        await Assertions.Expect(page.Locator("#peer")).ToHaveTextAsync("127.0.0.1");
        Assert.True(new FileInfo(screenshot).Length > 0, screenshot);

        Assert.Equal(port.ToString(CultureInfo.InvariantCulture), vm.ReadyFacts["port"]);
        List<JsonElement> requests = [.. File.ReadAllLines(Path.Combine(vm.Share, "web-smoke.log")).Select(line => JsonDocument.Parse(line).RootElement)];
        Assert.Contains(requests, r => r.GetProperty("method").GetString() == "GET" && r.GetProperty("path").GetString() == "/");
        Assert.Contains(requests, r => r.GetProperty("method").GetString() == "POST" && r.GetProperty("origin").GetString() == origin);
        Assert.All(requests, r =>
        {
            Assert.Equal("127.0.0.1", r.GetProperty("peer").GetString());
            Assert.Equal($"127.0.0.1:{port}", r.GetProperty("host").GetString());
        });

        Assert.Equal(7, command.ExitCode);
        Assert.Equal("unknown\nlo 127.0.0.1/8\neth0 10.0.2.15/24\n0\n", command.StandardOutput);
        Assert.Equal("to-stderr\n", command.StandardError);
        Assert.Equal(124, hung.ExitCode); // timeout(1)'s status: the guest killed it, and served the stop after it
        Assert.True(run.Succeeded, run.Describe());
    }
}
