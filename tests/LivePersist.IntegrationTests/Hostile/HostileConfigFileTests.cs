using System.Text;
using LivePersist.Core;
using LivePersist.IntegrationTests.Activation;
using LivePersist.IntegrationTests.FileSystem;
using LivePersist.IntegrationTests.Support;
using LivePersist.Linux.Activation;
using Xunit;

namespace LivePersist.IntegrationTests.Hostile;

/// <summary>
/// persistence.conf that someone other than the tool could have written, or that is not a file at all:
/// it is set aside (<c>persistence.conf.invalid</c>), replaced by an empty one, and nothing is activated.
/// </summary>
public sealed class HostileConfigFileTests
{
    private const string ValidConfig = "/srv/data\tsource=data\n";

    [Theory]
    [InlineData("115:122", "644", "persistence.conf has mode 0644, not 0600")]
    [InlineData("115:122", "640", "persistence.conf has mode 0640, not 0600")]
    [InlineData("115:122", "4600", "persistence.conf has mode 4600, not 0600")]
    [InlineData("1000:122", "600", "persistence.conf is owned by 1000:122, not 115:122")]
    [InlineData("1000:1000", "600", "persistence.conf is owned by 1000:1000, not 115:122")]
    [InlineData("0:0", "600", "persistence.conf is owned by 0:0, not 115:122")]
    [InlineData("115:1000", "600", "persistence.conf is owned by 115:1000, not 115:122")]
    public void Activate_Should_SetConfigAsideAndActivateNothing_When_OwnerOrModeIsWrong(string owner, string mode, string problem)
    {
        // Given
        Requires.Root();
        using TestVolume volume = TestVolume.Create();
        byte[] config = Encoding.UTF8.GetBytes(ValidConfig);
        volume.WriteConfig(config, owner, mode);
        Containment containment = Containment.Watch(volume);

        // When
        PersistenceException exception = Assert.Throws<PersistenceException>(() => volume.Activate());

        // Then: the untrusted file is kept aside for the user to check, and an empty trusted one replaces it.
        Assert.Equal(ErrorKind.InsecureVolume, exception.Kind);
        Assert.Contains($"cannot be trusted: {problem}. It was renamed persistence.conf.invalid", exception.Message);
        Assert.Equal(config, File.ReadAllBytes(volume.OnVolume("persistence.conf.invalid")));
        Assert.Empty(File.ReadAllBytes(volume.OnVolume("persistence.conf")));
        Assert.Equal("115:122", Inspect.Owner(volume.OnVolume("persistence.conf")));
        Assert.Equal("600", Inspect.Mode(volume.OnVolume("persistence.conf")));
        Assert.Contains($" {volume.MountPoint} ", Assert.Single(volume.MountLines()));
        containment.AssertContained();
    }

    [Fact]
    public void Activate_Should_ChangeNothingOnVolume_When_ConfigIsWrongInReadOnlyMode()
    {
        // Given
        Requires.Root();
        using TestVolume volume = TestVolume.Create();
        volume.WriteConfig(Encoding.UTF8.GetBytes(ValidConfig), mode: "666");
        string content = TestVolume.Listing(volume.MountPoint, withTimes: true);

        // When
        PersistenceException exception = Assert.Throws<PersistenceException>(() => volume.Activate(readOnly: true));

        // Then
        Assert.Equal(ErrorKind.InsecureVolume, exception.Kind);
        Assert.Contains("nothing was changed on the volume (read-only)", exception.Message);
        Assert.Equal(content, TestVolume.Listing(volume.MountPoint, withTimes: true));
        Assert.Contains($" {volume.MountPoint} ", Assert.Single(volume.MountLines()));
    }

    [Fact]
    public void Activate_Should_SetLinkAsideWithoutFollowingIt_When_ConfigIsSymlink()
    {
        // Given: a perfectly valid configuration, outside the volume, reached by a link.
        Requires.Root();
        using TestVolume volume = TestVolume.Create();
        TestVolume.MakeFile(volume.OutsidePath("valid.conf"), ValidConfig, TestVolume.ConfigOwner, "600");
        File.CreateSymbolicLink(volume.OnVolume("persistence.conf"), volume.OutsidePath("valid.conf"));
        Containment containment = Containment.Watch(volume);

        // When
        PersistenceException exception = Assert.Throws<PersistenceException>(() => volume.Activate());

        // Then: the link itself was renamed; its target is untouched.
        Assert.Equal(ErrorKind.InsecureVolume, exception.Kind);
        Assert.Contains("persistence.conf is a symbolic link", exception.Message);
        Assert.Equal(volume.OutsidePath("valid.conf"), new FileInfo(volume.OnVolume("persistence.conf.invalid")).LinkTarget);
        Assert.Empty(File.ReadAllBytes(volume.OnVolume("persistence.conf")));
        Assert.Null(volume.MountAt("/srv/data"));
        containment.AssertContained();
    }

    [Fact]
    public void Activate_Should_SetConfigAside_When_ConfigHasExtendedAcl()
    {
        // Given: owner and mode right, but user 1000 named in an ACL (masked, so the mode still reads 0600).
        Requires.Root();
        using TestVolume volume = TestVolume.Create();
        volume.WriteConfig(ValidConfig);
        Tool.Run("setfacl", "-m", "u:1000:rw,m::---", volume.OnVolume("persistence.conf"));
        Assert.Equal("600", Inspect.Mode(volume.OnVolume("persistence.conf")));

        // When
        PersistenceException exception = Assert.Throws<PersistenceException>(() => volume.Activate());

        // Then
        Assert.Equal(ErrorKind.InsecureVolume, exception.Kind);
        Assert.Contains("persistence.conf has an extended ACL", exception.Message);
        Assert.Equal(string.Empty, Tool.Run("getfacl", "--skip-base", volume.OnVolume("persistence.conf")));
        Assert.Null(volume.MountAt("/srv/data"));
    }

    [Theory]
    [InlineData("directory")]
    [InlineData("fifo")]
    [InlineData("socket")]
    [InlineData("device")]
    public async Task Activate_Should_SetAsideWithoutOpening_When_ConfigIsNotRegularFile(string kind)
    {
        // Given: nothing that could make a read block or act (a FIFO without a writer would hang a reader).
        Requires.Root();
        using TestVolume volume = TestVolume.Create();
        string path = volume.OnVolume("persistence.conf");
        switch (kind)
        {
            case "directory":
                Directory.CreateDirectory(path);
                break;
            case "fifo":
                Tool.Run("mkfifo", path);
                break;
            case "socket":
                // Python leaves the socket file behind when it exits (.NET would remove it on Dispose).
                Tool.Run("python3", "-c", "import socket, sys; socket.socket(socket.AF_UNIX).bind(sys.argv[1])", path);
                break;
            default:
                Tool.Run("mknod", path, "c", "1", "3");
                break;
        }

        Tool.Run("chown", TestVolume.ConfigOwner, path);
        Tool.Run("chmod", "600", path);

        // When
        CancellationToken cancellation = TestContext.Current.CancellationToken;
        Task<PersistenceException> activation = Task.Run(() => Assert.Throws<PersistenceException>(() => volume.Activate()), cancellation);
        Task first = await Task.WhenAny(activation, Task.Delay(TimeSpan.FromSeconds(60), cancellation));

        // Then
        Assert.True(first == activation, "activation hung");
        PersistenceException exception = await activation;
        Assert.Equal(ErrorKind.InsecureVolume, exception.Kind);
        Assert.Contains("persistence.conf is not a regular file", exception.Message);
        Assert.True(Path.Exists(volume.OnVolume("persistence.conf.invalid")));
        Assert.Empty(File.ReadAllBytes(volume.OnVolume("persistence.conf")));
    }

    [Theory]
    [InlineData("file")]
    [InlineData("directory")]
    public void Activate_Should_RefuseAsInsecure_When_ConfigCannotBeSetAside(string invalidKind)
    {
        // Given: persistence.conf is a directory, and persistence.conf.invalid is in the way of the rename.
        Requires.Root();
        using TestVolume volume = TestVolume.Create();
        Directory.CreateDirectory(volume.OnVolume("persistence.conf/inside"));
        if (invalidKind == "file")
        {
            File.WriteAllText(volume.OnVolume("persistence.conf.invalid"), "older");
        }
        else
        {
            Directory.CreateDirectory(volume.OnVolume("persistence.conf.invalid/inside"));
        }

        Containment containment = Containment.Watch(volume);

        // When
        PersistenceException exception = Assert.Throws<PersistenceException>(() => volume.Activate());

        // Then: still an insecure volume, and the message says what to do.
        Assert.Equal(ErrorKind.InsecureVolume, exception.Kind);
        Assert.Contains("persistence.conf is not a regular file", exception.Message);
        Assert.Contains("could not be renamed persistence.conf.invalid", exception.Message);
        Assert.Contains($" {volume.MountPoint} ", Assert.Single(volume.MountLines()));
        containment.AssertContained();
    }

    [Fact]
    public void Activate_Should_RefuseWholeFile_When_ConfigIsTenMegabytes()
    {
        // Given: valid lines, then 10 MB of comments.
        Requires.Root();
        using TestVolume volume = TestVolume.Create();
        byte[] config = [.. Encoding.UTF8.GetBytes(ValidConfig), .. Enumerable.Repeat((byte)'#', 10 * 1024 * 1024), (byte)'\n'];
        volume.WriteConfig(config);
        Containment containment = Containment.Watch(volume);

        // When
        PersistenceException exception = Assert.Throws<PersistenceException>(() => volume.Activate());

        // Then: nothing in it is used, and the file is left as it is.
        Assert.Equal(ErrorKind.InsecureVolume, exception.Kind);
        Assert.Contains("it must be a text file of at most 1 MiB", exception.Message);
        Assert.Equal(config.Length, new FileInfo(volume.OnVolume("persistence.conf")).Length);
        Assert.Null(volume.MountAt("/srv/data"));
        containment.AssertContained();
    }

    [Fact]
    public void Activate_Should_IgnoreOnlyBadLines_When_ConfigHasInvalidUtf8AndControlCharacters()
    {
        // Given
        Requires.Root();
        using TestVolume volume = TestVolume.Create();
        byte[] config =
        [
            .. "/srv/a\tsource=a"u8, 0xff, 0xfe, (byte)'\n',
            .. "/srv/b\tsource=b\u0001\u001b[31m\n"u8,
            .. "/srv/"u8, 0xc3, 0x28, .. "\tsource=c\n"u8,
            0, 0, .. "/srv/z\n"u8,
            .. "/srv/good\tsource=good\n"u8,
        ];
        volume.WriteConfig(config);
        RecordingLog log = new();
        Containment containment = Containment.Watch(volume);

        // When
        VolumeReport report = volume.Activate(log);

        // Then: each bad line is named with its number; the good line works.
        Assert.Contains("persistence.conf line 1 is ignored: not valid UTF-8", log.Warnings);
        Assert.Contains(log.Warnings, warning => warning.StartsWith("persistence.conf line 2 is ignored: source 'b\\x01\\x1B[31m' contains a control character", StringComparison.Ordinal));
        Assert.Contains("persistence.conf line 3 is ignored: not valid UTF-8", log.Warnings);
        Assert.Contains(log.Warnings, warning => warning.StartsWith("persistence.conf line 4 is ignored: destination '\\x00\\x00/srv/z' contains a control character", StringComparison.Ordinal));
        Assert.Equal("/srv/good", Assert.Single(report.Bindings, outcome => outcome.Result == BindingResult.Activated).Binding.Destination);
        Assert.Single(report.Bindings);
        Assert.Equal(["good"], Directory.GetDirectories(volume.InRoot("/srv")).Select(Path.GetFileName));
        containment.AssertContained();
    }
}
