using LivePersist.Core.Config;
using LivePersist.Core.FileSystem;
using LivePersist.Core.Planning;
using LivePersist.Core.Planning.Steps;
using LivePersist.Core.Profiles;
using Xunit;

namespace LivePersist.Core.Tests.Planning;

public sealed class ActivationPlannerTests
{
    private static readonly DesktopUser s_amnesia = new("amnesia", 1000, 1000, "/home/amnesia");
    private static readonly ActivationOptions s_options = new() { DesktopUser = s_amnesia };
    private static readonly Binding s_persistent = new("/home/amnesia/Persistent", "Persistent");
    private static readonly Binding s_aptCache = new("/var/cache/apt/archives", "apt/cache");
    private static readonly Binding s_aptLists = new("/var/lib/apt/lists", "apt/lists");
    private static readonly Binding s_dotfiles = new("/home/amnesia", "dotfiles", BindingKind.Link);
    private static readonly Binding s_gnupg = new("/home/amnesia/.gnupg", "gnupg");

    private static FakeFacts TailsDefaults() => new FakeFacts()
        .WithDestinationDirectory("/home/amnesia/Persistent", FakeFacts.Dir(1000, 1000))
        .WithDestinationDirectory("/var/cache/apt/archives")
        .WithDestinationDirectory("/var/lib/apt/lists")
        .WithSource("Persistent")
        .WithSource("apt/cache")
        .WithSource("apt/lists");

    [Fact]
    public void PlanActivation_Should_BindEachSourceInPathOrder_When_EverythingExists()
    {
        // Given
        FakeFacts facts = TailsDefaults();

        // When
        ActivationPlan plan = ActivationPlanner.PlanActivation([s_aptLists, s_persistent, s_aptCache], s_options, facts);

        // Then
        Assert.Equal(
            [new MountBinding(s_persistent), new MountBinding(s_aptCache), new MountBinding(s_aptLists)],
            plan.Steps.ToArray());
        Assert.All(plan.Bindings, binding => Assert.Equal(BindingDecision.Activate, binding.Decision));
    }

    [Fact]
    public void PlanActivation_Should_GiveTheSamePlan_When_BindingsComeInAnotherOrder()
    {
        // Given
        FakeFacts facts = TailsDefaults();
        Binding[] bindings = [s_dotfiles, s_aptLists, s_gnupg, s_persistent, s_aptCache];

        // When
        ActivationPlan first = ActivationPlanner.PlanActivation(bindings, s_options, facts);
        ActivationPlan second = ActivationPlanner.PlanActivation(bindings.Reverse().ToArray(), s_options, facts);

        // Then
        Assert.Equal(first, second);
    }

    [Fact]
    public void PlanActivation_Should_MountParentsBeforeChildren_When_DestinationsAreNested()
    {
        // Given
        Binding cups = new("/etc/cups", "cups-configuration");
        Binding ppd = new("/etc/cups/ppd", "ppd");
        FakeFacts facts = new FakeFacts()
            .WithDestinationDirectory("/etc/cups/ppd")
            .WithSource("cups-configuration/ppd")
            .WithSource("ppd");

        // When
        ActivationPlan plan = ActivationPlanner.PlanActivation([ppd, cups], s_options, facts);

        // Then
        Assert.Equal([cups, ppd], plan.Bindings.Select(binding => binding.Binding));
        Assert.Equal(cups, plan.Bindings[1].Parent);
    }

    [Fact]
    public void PlanActivation_Should_LinkAfterEveryMountAndLeaveOutOtherDestinations_When_DotfilesAreEnabled()
    {
        // Given
        FakeFacts facts = TailsDefaults().WithSource("dotfiles").WithSource("gnupg")
            .WithDestinationDirectory("/home/amnesia/.gnupg", FakeFacts.Dir(1000, 1000));

        // When
        ActivationPlan plan = ActivationPlanner.PlanActivation([s_dotfiles, s_gnupg, s_persistent], s_options, facts);

        // Then
        Assert.Equal(
            [new MountBinding(s_gnupg), new MountBinding(s_persistent), new LinkTree(s_dotfiles, ["/home/amnesia/.gnupg", "/home/amnesia/Persistent"], false)],
            plan.Steps.ToArray());
    }

    [Fact]
    public void PlanActivation_Should_LeaveActiveBindingsAlone_When_RunTwice()
    {
        // Given
        FakeFacts facts = TailsDefaults();
        facts.Activities[s_persistent] = BindingActivity.Active;
        facts.Activities[s_aptCache] = BindingActivity.Active;
        facts.Activities[s_aptLists] = BindingActivity.Active;

        // When
        ActivationPlan plan = ActivationPlanner.PlanActivation([s_persistent, s_aptCache, s_aptLists], s_options, facts);

        // Then
        Assert.True(plan.IsEmpty);
        Assert.All(plan.Bindings, binding => Assert.Equal(BindingDecision.AlreadyActive, binding.Decision));
    }

    [Fact]
    public void PlanActivation_Should_CopyTheLiveData_When_TheSourceIsMissingAndTheDestinationExists()
    {
        // Given
        FakeFacts facts = new FakeFacts().WithDestinationDirectory("/var/cache/apt/archives");
        facts.TreeSizes["/var/cache/apt/archives"] = 5_000_000;

        // When
        ActivationPlan plan = ActivationPlanner.PlanActivation([s_aptCache], s_options, facts);

        // Then
        Assert.Equal(
            [new BootstrapSource("/var/cache/apt/archives", "apt/cache", 5_000_000), new MountBinding(s_aptCache)],
            plan.Steps.ToArray());
    }

    [Fact]
    public void PlanActivation_Should_CreateDirectoriesOwnedByTheDesktopUser_When_TheDestinationIsMissingUnderHome()
    {
        // Given
        Binding bookmarks = new("/home/amnesia/.mozilla/firefox/bookmarks", "bookmarks");
        FakeFacts facts = new FakeFacts().WithDestinationDirectory("/home/amnesia", FakeFacts.Dir(1000, 1000));
        const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

        // When
        ActivationPlan plan = ActivationPlanner.PlanActivation([bookmarks], s_options, facts);

        // Then
        Assert.Equal(
            [
                new CreateDirectory("/home/amnesia/.mozilla", 1000, 1000, Private),
                new CreateDirectory("/home/amnesia/.mozilla/firefox", 1000, 1000, Private),
                new CreateDirectory("/home/amnesia/.mozilla/firefox/bookmarks", 1000, 1000, Private),
                new CreateSource("bookmarks", false, 1000, 1000, Private),
                new MountBinding(bookmarks),
            ],
            plan.Steps.ToArray());
    }

    [Fact]
    public void PlanActivation_Should_CreateRootOwnedDirectories_When_TheDestinationIsMissingOutsideHome()
    {
        // Given
        Binding tca = new("/var/lib/tca", "tca");
        FakeFacts facts = new FakeFacts().WithDestinationDirectory("/var").WithSource("tca");

        // When
        ActivationPlan plan = ActivationPlanner.PlanActivation([tca], s_options, facts);

        // Then
        CreateDirectory[] created = plan.Steps.OfType<CreateDirectory>().ToArray();
        Assert.Equal(["/var/lib", "/var/lib/tca"], created.Select(step => step.Path));
        Assert.All(created, step => Assert.Equal((0u, 0u, (UnixFileMode)0b111_101_101), (step.Uid, step.Gid, step.Mode)));
    }

    [Fact]
    public void PlanActivation_Should_RefuseWithTheSizes_When_TheVolumeHasNoRoomForTheCopy()
    {
        // Given
        FakeFacts facts = new FakeFacts()
            .WithDestinationDirectory("/var/cache/apt/archives")
            .WithDestinationDirectory("/var/lib/apt/lists");
        facts.VolumeFreeBytes = 100L << 20;
        facts.TreeSizes["/var/cache/apt/archives"] = 60L << 20;
        facts.TreeSizes["/var/lib/apt/lists"] = 60L << 20;

        // When
        ActivationPlan plan = ActivationPlanner.PlanActivation([s_aptCache, s_aptLists], s_options, facts);

        // Then
        Assert.Equal(BindingDecision.Activate, plan.Bindings[0].Decision);
        Assert.Equal(BindingDecision.Refused, plan.Bindings[1].Decision);
        Assert.Contains("not enough free space", plan.Bindings[1].Reason);
        Assert.Contains("60.0 MiB needed", plan.Bindings[1].Reason);
    }

    [Theory]
    [InlineData("/home/amnesia", NodeKind.Symlink, "symbolic link")]
    [InlineData("/home/amnesia/Persistent", NodeKind.Symlink, "is a symbolic link")]
    [InlineData("/home/amnesia/Persistent", NodeKind.RegularFile, "needs a directory")]
    [InlineData("/home/amnesia/Persistent", NodeKind.Special, "device")]
    public void PlanActivation_Should_Refuse_When_TheDestinationIsNotAPlainDirectory(string path, NodeKind kind, string reason)
    {
        // Given
        FakeFacts facts = TailsDefaults();
        facts.Destinations[path] = new NodeFacts(kind);

        // When
        BindingPlan plan = ActivationPlanner.PlanActivation([s_persistent], s_options, facts).Bindings.Single();

        // Then
        Assert.Equal(BindingDecision.Refused, plan.Decision);
        Assert.Contains(reason, plan.Reason);
        Assert.Empty(plan.Steps);
    }

    [Theory]
    [InlineData("apt", NodeKind.Symlink, "on the way to apt/cache")]
    [InlineData("apt/cache", NodeKind.Symlink, "apt/cache on the volume is a symbolic link")]
    [InlineData("apt/cache", NodeKind.RegularFile, "is a file")]
    [InlineData("apt/cache", NodeKind.Special, "device")]
    public void PlanActivation_Should_Refuse_When_TheSourceIsNotAPlainDirectory(string path, NodeKind kind, string reason)
    {
        // Given
        FakeFacts facts = TailsDefaults();
        facts.Sources[path] = new NodeFacts(kind);

        // When
        BindingPlan plan = ActivationPlanner.PlanActivation([s_aptCache], s_options, facts).Bindings.Single();

        // Then
        Assert.Equal(BindingDecision.Refused, plan.Decision);
        Assert.Contains(reason, plan.Reason);
    }

    [Fact]
    public void PlanActivation_Should_Refuse_When_SomethingElseIsMountedOnTheDestination()
    {
        // Given
        FakeFacts facts = TailsDefaults();
        facts.Activities[s_aptCache] = BindingActivity.Foreign;
        facts.Destinations["/var/lib/apt/lists"] = FakeFacts.Dir() with { IsMountPoint = true };

        // When
        ActivationPlan plan = ActivationPlanner.PlanActivation([s_aptCache, s_aptLists], s_options, facts);

        // Then
        Assert.All(plan.Bindings, binding =>
        {
            Assert.Equal(BindingDecision.Refused, binding.Decision);
            Assert.Contains("already mounted", binding.Reason);
        });
    }

    [Fact]
    public void PlanActivation_Should_SkipChildren_When_TheirParentIsRefused()
    {
        // Given
        Binding cups = new("/etc/cups", "cups-configuration");
        Binding ppd = new("/etc/cups/ppd", "ppd");
        FakeFacts facts = new FakeFacts().WithDestinationDirectory("/etc/cups/ppd").WithSource("ppd");
        facts.Sources["cups-configuration"] = FakeFacts.Link();

        // When
        ActivationPlan plan = ActivationPlanner.PlanActivation([cups, ppd], s_options, facts);

        // Then
        Assert.Equal(BindingDecision.Refused, plan.Bindings[0].Decision);
        Assert.Equal(BindingDecision.Skipped, plan.Bindings[1].Decision);
        Assert.Contains("inside /etc/cups", plan.Bindings[1].Reason);
    }

    [Fact]
    public void PlanActivation_Should_SeeNestedDestinationsThroughTheParentSource_When_TheParentIsMountedFirst()
    {
        // Given: in the live system /etc/cups/ppd is a symlink, but once /etc/cups is bound from the
        // volume, what counts is the volume's cups-configuration/ppd (a plain directory).
        Binding cups = new("/etc/cups", "cups-configuration");
        Binding ppd = new("/etc/cups/ppd", "ppd");
        FakeFacts facts = new FakeFacts().WithDestinationDirectory("/etc/cups").WithSource("cups-configuration/ppd").WithSource("ppd");
        facts.Destinations["/etc/cups/ppd"] = FakeFacts.Link();

        // When
        ActivationPlan plan = ActivationPlanner.PlanActivation([cups, ppd], s_options, facts);

        // Then
        Assert.Equal([new MountBinding(cups), new MountBinding(ppd)], plan.Steps.ToArray());
    }

    [Fact]
    public void PlanActivation_Should_UseMemoryOverlaysAndCreateNothingOnTheVolume_When_ReadOnly()
    {
        // Given
        FakeFacts facts = TailsDefaults().WithSource("dotfiles").WithDestinationDirectory("/var/lib/tca");
        Binding tca = new("/var/lib/tca", "tca");
        ActivationOptions readOnly = s_options with { ReadOnly = true };

        // When
        ActivationPlan plan = ActivationPlanner.PlanActivation([s_persistent, tca, s_dotfiles], readOnly, facts);

        // Then
        Assert.Equal(
            [new MountSessionOverlay(s_persistent), new LinkTree(s_dotfiles, ["/home/amnesia/Persistent"], true)],
            plan.Steps.ToArray());
        BindingPlan skipped = Assert.Single(plan.Bindings, binding => binding.Binding == tca);
        Assert.Equal(BindingDecision.Skipped, skipped.Decision);
        Assert.Contains("read-only", skipped.Reason);
    }

    [Fact]
    public void PlanActivation_Should_MountASnapshotOverlay_When_TheSessionIsReadWrite()
    {
        // Given
        Binding cache = new("/home/amnesia/.cache", "cache", BindingKind.Snapshot);
        FakeFacts facts = TailsDefaults().WithDestinationDirectory("/home/amnesia/.cache", FakeFacts.Dir(1000, 1000)).WithSource("cache");

        // When
        ActivationPlan plan = ActivationPlanner.PlanActivation([cache], s_options, facts);

        // Then
        Assert.Equal([new MountSnapshot(cache)], plan.Steps.ToArray());
    }

    [Fact]
    public void PlanActivation_Should_UseTheSessionOverlay_When_ASnapshotIsActivatedReadOnly()
    {
        // Given
        Binding cache = new("/home/amnesia/.cache", "cache", BindingKind.Snapshot);
        FakeFacts facts = TailsDefaults().WithDestinationDirectory("/home/amnesia/.cache", FakeFacts.Dir(1000, 1000)).WithSource("cache");

        // When
        ActivationPlan plan = ActivationPlanner.PlanActivation([cache], s_options with { ReadOnly = true }, facts);

        // Then
        Assert.Equal([new MountSessionOverlay(cache)], plan.Steps.ToArray());
    }

    [Fact]
    public void PlanActivation_Should_CopyTheDestinationIntoANewSource_When_ASnapshotSourceIsMissing()
    {
        // Given
        Binding cache = new("/home/amnesia/.cache", "cache", BindingKind.Snapshot);
        FakeFacts facts = TailsDefaults().WithDestinationDirectory("/home/amnesia/.cache", FakeFacts.Dir(1000, 1000));

        // When
        ActivationPlan plan = ActivationPlanner.PlanActivation([cache], s_options, facts);

        // Then
        PlanStep[] steps = plan.Steps.ToArray();
        Assert.Equal(2, steps.Length);
        Assert.IsType<BootstrapSource>(steps[0]);
        Assert.Equal(new MountSnapshot(cache), steps[1]);
    }

    [Fact]
    public void PlanActivation_Should_CreateTheOverlayLayers_When_AUnionSourceHasNone()
    {
        // Given
        Binding root = new("/", ".", BindingKind.Union);
        FakeFacts facts = new();

        // When
        ActivationPlan plan = ActivationPlanner.PlanActivation([root], s_options, facts);

        // Then
        Assert.Equal([new CreateUnionLayers("."), new MountBinding(root)], plan.Steps.ToArray());
    }

    [Fact]
    public void PlanActivation_Should_RefuseAUnionOnRoot_When_TheTargetIsTheRunningSystem()
    {
        // Given
        Binding root = new("/", ".", BindingKind.Union);

        // When
        BindingPlan plan = ActivationPlanner.PlanActivation([root], s_options with { TargetIsRunningRoot = true }, new FakeFacts())
            .Bindings.Single();

        // Then
        Assert.Equal(BindingDecision.Refused, plan.Decision);
        Assert.Contains("only be set up at boot", plan.Reason);
    }

    [Fact]
    public void PlanActivation_Should_CreateAnEmptyMountPointFile_When_AFileBindingHasNoDestination()
    {
        // Given
        Binding history = new("/home/amnesia/.bash_history", "history", BindingKind.File);
        FakeFacts facts = new FakeFacts()
            .WithDestinationDirectory("/home/amnesia", FakeFacts.Dir(1000, 1000))
            .WithSource("history", FakeFacts.File(1000, 1000));

        // When
        ActivationPlan plan = ActivationPlanner.PlanActivation([history], s_options, facts);

        // Then
        Assert.Equal(
            [new CreateFile("/home/amnesia/.bash_history", 1000, 1000, UnixFileMode.UserRead | UnixFileMode.UserWrite), new MountBinding(history)],
            plan.Steps.ToArray());
    }

    [Fact]
    public void PlanActivation_Should_Refuse_When_TheSourceIsTheVolumeConfiguration()
    {
        // Given
        Binding leak = new("/home/amnesia/conf", "persistence.conf", BindingKind.File);
        FakeFacts facts = new FakeFacts().WithDestinationDirectory("/home/amnesia").WithSource("persistence.conf", FakeFacts.File(115, 122));

        // When
        BindingPlan plan = ActivationPlanner.PlanActivation([leak], s_options, facts).Bindings.Single();

        // Then
        Assert.Equal(BindingDecision.Refused, plan.Decision);
        Assert.Contains("own configuration", plan.Reason);
    }

    [Fact]
    public void PlanDeactivation_Should_ReverseTheActivationOrder_When_EverythingIsActive()
    {
        // Given
        FakeFacts facts = TailsDefaults();
        foreach (Binding binding in new[] { s_persistent, s_aptCache, s_aptLists, s_dotfiles })
        {
            facts.Activities[binding] = BindingActivity.Active;
        }

        // When
        ActivationPlan plan = ActivationPlanner.PlanDeactivation([s_aptCache, s_dotfiles, s_persistent, s_aptLists], facts);

        // Then
        Assert.Equal(
            [new RemoveLinks(s_dotfiles), new Unmount(s_aptLists), new Unmount(s_aptCache), new Unmount(s_persistent)],
            plan.Steps.ToArray());
    }

    [Fact]
    public void PlanDeactivation_Should_ReleaseNestedActiveMountsFirst_When_AnOuterBindingIsDeactivated()
    {
        // Given
        Binding cups = new("/etc/cups", "cups-configuration");
        Binding ppd = new("/etc/cups/ppd", "ppd");
        FakeFacts facts = new();
        facts.Activities[cups] = BindingActivity.Active;
        facts.Activities[ppd] = BindingActivity.Active;

        // When
        ActivationPlan plan = ActivationPlanner.PlanDeactivation([cups], facts, context: [cups, ppd]);

        // Then
        Assert.Equal([new Unmount(ppd), new Unmount(cups)], plan.Steps.ToArray());
        Assert.Contains("inside /etc/cups", plan.Bindings[0].Reason);
    }

    [Fact]
    public void PlanDeactivation_Should_ChangeNothing_When_NothingIsActive()
    {
        // When
        ActivationPlan plan = ActivationPlanner.PlanDeactivation([s_persistent, s_dotfiles], new FakeFacts());

        // Then
        Assert.True(plan.IsEmpty);
        Assert.All(plan.Bindings, binding => Assert.Equal(BindingDecision.AlreadyInactive, binding.Decision));
    }
}
