using System.Diagnostics;
using LivePersist.Core.Config;
using LivePersist.Core.Planning;
using LivePersist.Core.Planning.Steps;
using LivePersist.IntegrationTests.Activation;
using LivePersist.IntegrationTests.Support;
using LivePersist.Linux.Activation;
using LivePersist.Linux.FileSystem;
using LivePersist.Linux.Mounts;
using Xunit;

namespace LivePersist.IntegrationTests.Hostile;

/// <summary>
/// Someone changes the volume or the target between planning and execution. The planner's view is then
/// stale; the executor opens every path again without following symlinks, so it must refuse rather than
/// follow. The change is made exactly between the two (the plan is made, the change, then the plan runs).
/// </summary>
public sealed class RaceTests
{
    [Theory]
    [InlineData("/srv/data\tsource=data", false)]
    [InlineData("/srv/data\tsource=data", true)]
    [InlineData("/srv/data\tsource=data,union", false)]
    [InlineData("/srv/data\tsource=data,union", true)]
    public void Execute_Should_FailWithoutFollowing_When_SourceBecomesSymlinkAfterPlanning(string line, bool readOnly)
    {
        // Given: a plan made while data was a directory (with union/rw layers in place).
        Requires.Root();
        using TestVolume volume = TestVolume.Create();
        TestVolume.MakeDirectory(volume.OnVolume("data/rw"));
        TestVolume.MakeDirectory(volume.OnVolume("data/work"));
        Binding binding = Parse(line);
        using Race race = Race.Prepare(volume, [binding], readOnly);
        Assert.Contains(race.Plan.Steps, step => step is MountBinding or MountSessionOverlay);
        Containment containment = Containment.Watch(volume);

        // When: data is now a link to the outside.
        Directory.Move(volume.OnVolume("data"), volume.OnVolume("data-real"));
        File.CreateSymbolicLink(volume.OnVolume("data"), volume.Outside);
        BindingOutcome outcome = Assert.Single(race.Execute());

        // Then
        Assert.Equal(BindingResult.Failed, outcome.Result);
        Assert.Contains("symbolic link", outcome.Message);
        Assert.Contains("was undone", outcome.Message);
        Assert.Null(volume.MountAt("/srv/data"));
        containment.AssertContained();
    }

    [Fact]
    public void Execute_Should_FailWithoutFollowing_When_ParentOfSourceBecomesSymlinkAfterPlanning()
    {
        // Given: a plan for apt/cache; the outside has a cache directory the link would lead to.
        Requires.Root();
        using TestVolume volume = TestVolume.Create();
        TestVolume.MakeDirectory(volume.OnVolume("apt/cache"));
        Directory.CreateDirectory(volume.OutsidePath("cache"));
        using Race race = Race.Prepare(volume, [new Binding("/var/cache/apt/archives", "apt/cache")]);
        Containment containment = Containment.Watch(volume);

        // When
        Directory.Move(volume.OnVolume("apt"), volume.OnVolume("apt-real"));
        File.CreateSymbolicLink(volume.OnVolume("apt"), volume.Outside);
        BindingOutcome outcome = Assert.Single(race.Execute());

        // Then
        Assert.Equal(BindingResult.Failed, outcome.Result);
        Assert.Contains("symbolic link", outcome.Message);
        Assert.Null(volume.MountAt("/var/cache/apt/archives"));
        containment.AssertContained();
    }

    [Fact]
    public void Execute_Should_FailWithoutFollowing_When_MissingSourceAppearsAsSymlinkAfterPlanning()
    {
        // Given: the plan creates the missing source.
        Requires.Root();
        using TestVolume volume = TestVolume.Create();
        using Race race = Race.Prepare(volume, [new Binding("/srv/data", "data")]);
        Assert.Contains(race.Plan.Steps, step => step is CreateSource);
        Containment containment = Containment.Watch(volume);

        // When
        File.CreateSymbolicLink(volume.OnVolume("data"), volume.Outside);
        BindingOutcome outcome = Assert.Single(race.Execute());

        // Then
        Assert.Equal(BindingResult.Failed, outcome.Result);
        Assert.Null(volume.MountAt("/srv/data"));
        Assert.Equal(volume.Outside, new FileInfo(volume.OnVolume("data")).LinkTarget);
        containment.AssertContained();
    }

    [Fact]
    public void Execute_Should_FailAndRemoveCopy_When_BootstrapTargetAppearsAsSymlinkAfterPlanning()
    {
        // Given: the plan copies the live system's directory into the missing source.
        Requires.Root();
        using TestVolume volume = TestVolume.Create();
        TestVolume.MakeFile(volume.InRoot("/srv/data/state"), "live data");
        using Race race = Race.Prepare(volume, [new Binding("/srv/data", "data")]);
        Assert.Contains(race.Plan.Steps, step => step is BootstrapSource);
        Containment containment = Containment.Watch(volume);

        // When
        File.CreateSymbolicLink(volume.OnVolume("data"), volume.Outside);
        BindingOutcome outcome = Assert.Single(race.Execute());

        // Then: the copy did not go through the link, and the staging copy is gone.
        Assert.Equal(BindingResult.Failed, outcome.Result);
        Assert.Null(volume.MountAt("/srv/data"));
        Assert.Empty(Directory.GetFileSystemEntries(volume.MountPoint, ".live-persist-*"));
        containment.AssertContained();
    }

    [Fact]
    public void Execute_Should_FailWithoutFollowing_When_UnionLayerAppearsAsSymlinkAfterPlanning()
    {
        // Given: the plan creates union/rw and union/work.
        Requires.Root();
        using TestVolume volume = TestVolume.Create();
        TestVolume.MakeDirectory(volume.OnVolume("union"));
        using Race race = Race.Prepare(volume, [new Binding("/srv/union", "union", BindingKind.Union)]);
        Assert.Contains(race.Plan.Steps, step => step is CreateUnionLayers);
        Containment containment = Containment.Watch(volume);

        // When
        File.CreateSymbolicLink(volume.OnVolume("union/rw"), volume.Outside);
        BindingOutcome outcome = Assert.Single(race.Execute());

        // Then
        Assert.Equal(BindingResult.Failed, outcome.Result);
        Assert.Null(volume.MountAt("/srv/union"));
        containment.AssertContained();
    }

    [Fact]
    public void Execute_Should_FailWithoutFollowing_When_FileSourceBecomesSymlinkAfterPlanning()
    {
        // Given
        Requires.Root();
        using TestVolume volume = TestVolume.Create();
        TestVolume.MakeFile(volume.OnVolume("app.conf"), "volume");
        TestVolume.MakeFile(volume.InRoot("/etc/app.conf"), "system");
        using Race race = Race.Prepare(volume, [new Binding("/etc/app.conf", "app.conf", BindingKind.File)]);
        Containment containment = Containment.Watch(volume);

        // When
        File.Delete(volume.OnVolume("app.conf"));
        File.CreateSymbolicLink(volume.OnVolume("app.conf"), volume.OutsidePath("secret"));
        BindingOutcome outcome = Assert.Single(race.Execute());

        // Then
        Assert.Equal(BindingResult.Failed, outcome.Result);
        Assert.Equal("system", File.ReadAllText(volume.InRoot("/etc/app.conf")));
        containment.AssertContained();
    }

    [Theory]
    [InlineData("/srv/data\tsource=data")]
    [InlineData("/srv/data/new\tsource=data")]
    public void Execute_Should_FailWithoutFollowing_When_DestinationBecomesSymlinkAfterPlanning(string line)
    {
        // Given: a plan for a destination that exists (or whose directory is to be created).
        Requires.Root();
        using TestVolume volume = TestVolume.Create();
        TestVolume.MakeDirectory(volume.OnVolume("data"));
        TestVolume.MakeDirectory(volume.InRoot("/srv/data"));
        Binding binding = Parse(line);
        using Race race = Race.Prepare(volume, [binding]);
        Containment containment = Containment.Watch(volume);

        // When: the live system's /srv/data is now a link to the outside.
        Directory.Delete(volume.InRoot("/srv/data"));
        File.CreateSymbolicLink(volume.InRoot("/srv/data"), volume.Outside);
        BindingOutcome outcome = Assert.Single(race.Execute());

        // Then
        Assert.Equal(BindingResult.Failed, outcome.Result);
        Assert.Contains("symbolic link", outcome.Message);
        containment.AssertContained();
    }

    [Fact]
    public void Execute_Should_NotLinkIt_When_DotfileBecomesSymlinkAfterPlanning()
    {
        // Given
        Requires.Root();
        using TestVolume volume = TestVolume.Create();
        TestVolume.MakeFile(volume.OnVolume("dotfiles/.bashrc"), "rc");
        TestVolume.MakeFile(volume.OnVolume("dotfiles/.profile"), "p");
        using Race race = Race.Prepare(volume, [new Binding("/home/amnesia", "dotfiles", BindingKind.Link)]);

        // When
        File.Delete(volume.OnVolume("dotfiles/.bashrc"));
        File.CreateSymbolicLink(volume.OnVolume("dotfiles/.bashrc"), "/etc/shadow");
        BindingOutcome outcome = Assert.Single(race.Execute());

        // Then
        Assert.Equal(BindingResult.Activated, outcome.Result);
        Assert.Equal($".profile -> {volume.OnVolume("dotfiles/.profile")}\n", TestVolume.Symlinks(volume.InRoot("/home/amnesia")));
    }

    [Fact]
    public void ActivateAndDeactivate_Should_NeverMountOutside_When_SourceFlipsBetweenDirectoryAndSymlink()
    {
        // Given: a process swapping data with a link to the outside (renameat2 RENAME_EXCHANGE) as fast as it can.
        Requires.Root();
        using TestVolume volume = TestVolume.Create();
        volume.WriteConfig("/srv/data\tsource=data\n");
        TestVolume.MakeFile(volume.OnVolume("data/real"), "real");
        File.CreateSymbolicLink(volume.OnVolume("evil"), volume.Outside);
        Containment containment = Containment.Watch(volume);
        using Process flipper = StartFlipper(volume.OnVolume("data"), volume.OnVolume("evil"));
        List<BindingResult> results = [];

        // When
        try
        {
            for (int i = 0; i < 40; i++)
            {
                results.AddRange(volume.Activate().Bindings.Select(outcome => outcome.Result));
                AssertMountIsTheRealDirectory(volume);
                containment.AssertContained();
                volume.Deactivate();
            }
        }
        finally
        {
            flipper.Kill();
            flipper.WaitForExit();
        }

        // Then: every activation either mounted the real directory or refused; nothing else ever happened.
        Assert.All(results, result => Assert.Contains(result, new[] { BindingResult.Activated, BindingResult.AlreadyActive, BindingResult.Refused, BindingResult.Failed }));
        containment.AssertContained();
    }

    private static void AssertMountIsTheRealDirectory(TestVolume volume)
    {
        if (volume.MountAt("/srv/data") is MountInfoEntry mount)
        {
            Assert.Equal(volume.Device, mount.Device);
            Assert.Equal("real", File.ReadAllText(volume.InRoot("/srv/data/real")));
        }
    }

    private static Process StartFlipper(string first, string second)
    {
        const string Script = """
            import ctypes, os, sys
            libc = ctypes.CDLL(None, use_errno=True)
            a, b = (os.fsencode(p) for p in sys.argv[1:3])
            while True:
                libc.renameat2(-100, a, -100, b, 2)
            """;
        ProcessStartInfo start = new("python3") { UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(Script);
        start.ArgumentList.Add(first);
        start.ArgumentList.Add(second);
        return Process.Start(start)!;
    }

    private static Binding Parse(string line)
    {
        ConfigParseResult result = PersistenceConfParser.Parse(System.Text.Encoding.UTF8.GetBytes(line + "\n"), DestinationRules.Default);
        Assert.Empty(result.Diagnostics);
        return Assert.Single(result.Configuration.Bindings);
    }

    /// <summary>A plan made against the current volume and root, to be carried out later.</summary>
    private sealed class Race : IDisposable
    {
        private readonly DirectoryHandle _volume;
        private readonly DirectoryHandle _root;
        private readonly ActivationTarget _target;

        private Race(DirectoryHandle volume, DirectoryHandle root, ActivationTarget target, ActivationPlan plan)
        {
            _volume = volume;
            _root = root;
            _target = target;
            Plan = plan;
        }

        public ActivationPlan Plan { get; }

        public static Race Prepare(TestVolume volume, IReadOnlyList<Binding> bindings, bool readOnly = false)
        {
            DirectoryHandle volumeRoot = DirectoryHandle.Open(volume.MountPoint);
            DirectoryHandle root = DirectoryHandle.Open(volume.Root);
            ActivationTarget target = new(volumeRoot, volume.Device, root, TestVolume.Tails.DesktopUser);
            SystemActivationFacts facts = new(target, MountTable.Read(), bindings);
            ActivationOptions options = new() { DesktopUser = TestVolume.Tails.DesktopUser, ReadOnly = readOnly };
            return new Race(volumeRoot, root, target, ActivationPlanner.PlanActivation(bindings, options, facts));
        }

        public IReadOnlyList<BindingOutcome> Execute() => new PlanExecutor(_target, new RecordingLog()).Execute(Plan);

        public void Dispose()
        {
            _volume.Dispose();
            _root.Dispose();
        }
    }
}
