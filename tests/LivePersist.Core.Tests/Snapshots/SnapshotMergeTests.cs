using LivePersist.Core.Snapshots;
using Xunit;

namespace LivePersist.Core.Tests.Snapshots;

public sealed class SnapshotMergeTests
{
    [Theory]
    [InlineData(LayerEntryKind.RegularFile)]
    [InlineData(LayerEntryKind.Symlink)]
    [InlineData(LayerEntryKind.Directory)]
    public void Decide_Should_Delete_When_TheLayerHasAWhiteoutForSomethingOnTheVolume(LayerEntryKind onVolume)
    {
        // Given / When
        MergeDecision decision = SnapshotMerge.Decide(LayerEntryKind.Whiteout, opaque: false, onVolume, hardLinkAlreadySaved: false);

        // Then
        Assert.Equal(new MergeDecision(MergeAction.Delete), decision);
    }

    [Fact]
    public void Decide_Should_DoNothing_When_AWhiteoutHidesWhatTheVolumeNoLongerHas()
    {
        // Given / When
        MergeDecision decision = SnapshotMerge.Decide(LayerEntryKind.Whiteout, opaque: false, LayerEntryKind.Missing, hardLinkAlreadySaved: false);

        // Then
        Assert.Equal(MergeAction.None, decision.Action);
    }

    [Theory]
    [InlineData(false, MergeAction.MergeDirectory)]
    [InlineData(true, MergeAction.MergeOpaqueDirectory)]
    public void Decide_Should_MergeTheDirectory_When_BothSidesHaveOne(bool opaque, MergeAction expected)
    {
        // Given / When
        MergeDecision decision = SnapshotMerge.Decide(LayerEntryKind.Directory, opaque, LayerEntryKind.Directory, hardLinkAlreadySaved: false);

        // Then
        Assert.Equal(new MergeDecision(expected), decision);
    }

    [Theory]
    [InlineData(LayerEntryKind.Missing)]
    [InlineData(LayerEntryKind.RegularFile)]
    [InlineData(LayerEntryKind.Symlink)]
    public void Decide_Should_CreateTheDirectory_When_TheVolumeHasNoneThere(LayerEntryKind onVolume)
    {
        // Given / When
        MergeDecision decision = SnapshotMerge.Decide(LayerEntryKind.Directory, opaque: true, onVolume, hardLinkAlreadySaved: false);

        // Then
        Assert.Equal(new MergeDecision(MergeAction.CreateDirectory), decision);
    }

    [Fact]
    public void Decide_Should_RemoveTheDirectoryFirst_When_AFileReplacesADirectory()
    {
        // Given / When
        MergeDecision file = SnapshotMerge.Decide(LayerEntryKind.RegularFile, opaque: false, LayerEntryKind.Directory, hardLinkAlreadySaved: false);
        MergeDecision symlink = SnapshotMerge.Decide(LayerEntryKind.Symlink, opaque: false, LayerEntryKind.Directory, hardLinkAlreadySaved: false);

        // Then
        Assert.Equal(new MergeDecision(MergeAction.WriteFile, RemoveDirectoryFirst: true), file);
        Assert.Equal(new MergeDecision(MergeAction.WriteSymlink, RemoveDirectoryFirst: true), symlink);
    }

    [Theory]
    [InlineData(false, MergeAction.WriteFile)]
    [InlineData(true, MergeAction.LinkFile)]
    public void Decide_Should_LinkToTheSavedCopy_When_AHardLinkWasAlreadyWritten(bool alreadySaved, MergeAction expected)
    {
        // Given / When
        MergeDecision decision = SnapshotMerge.Decide(LayerEntryKind.RegularFile, opaque: false, LayerEntryKind.RegularFile, alreadySaved);

        // Then
        Assert.Equal(new MergeDecision(expected), decision);
    }

    [Fact]
    public void Decide_Should_SaveNothing_When_TheLayerHasASpecialFile()
    {
        // Given / When
        MergeDecision decision = SnapshotMerge.Decide(LayerEntryKind.Special, opaque: false, LayerEntryKind.RegularFile, hardLinkAlreadySaved: false);

        // Then
        Assert.Equal(MergeAction.None, decision.Action);
    }

    [Theory]
    [InlineData("user.comment", true)]
    [InlineData("security.selinux", true)]
    [InlineData("system.posix_acl_access", true)]
    [InlineData("system.posix_acl_default", true)]
    [InlineData("trusted.overlay.opaque", false)]
    [InlineData("trusted.overlay.origin", false)]
    [InlineData("user.overlay.opaque", false)]
    public void IsSavedAttribute_Should_LeaveOutOnlyTheOverlaysBookkeeping(string name, bool expected)
    {
        // Given / When / Then
        Assert.Equal(expected, SnapshotMerge.IsSavedAttribute(name));
    }
}
