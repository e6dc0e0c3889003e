using System.Text;
using LivePersist.IntegrationTests.Support;

namespace LivePersist.IntegrationTests.AdditionalSoftware;

/// <summary>
/// A local APT repository of small packages built with dpkg-deb, indexed with apt-ftparchive (flat: <c>./</c>). The
/// live system reaches it through the <c>copy:</c> method (<see cref="LiveSystem"/>), which is <c>file:</c> that
/// copies the package files into APT's cache as a download would: with <c>file:</c> APT would use them in place and
/// the cache on the Persistent Storage would stay empty.
/// </summary>
internal sealed class TestRepository
{
    public TestRepository(string path)
    {
        Path = path;
        Directory.CreateDirectory(path);
        Directory.CreateDirectory(BuildDirectory);
    }

    public string Path { get; }

    private string BuildDirectory => Path + ".build";

    /// <summary>
    /// The packages most tests use: lpt-app (depends on lpt-lib), lpt-tool, lpt-broken (its postinst fails, saying
    /// so), lpt-missingdep (depends on a package no repository has).
    /// </summary>
    public static TestRepository CreateStandard(string path)
    {
        TestRepository repository = new(path);
        repository.Add("lpt-lib", "1.0");
        repository.Add("lpt-app", "1.0", depends: "lpt-lib (>= 1.0)");
        repository.Add("lpt-tool", "1.0");
        repository.Add("lpt-broken", "1.0", failingPostinst: true);
        repository.Add("lpt-missingdep", "1.0", depends: "lpt-nowhere");
        repository.Publish();
        return repository;
    }

    /// <summary>Builds a package into the repository (<see cref="Publish"/> indexes it).</summary>
    public void Add(string name, string version, string? depends = null, bool failingPostinst = false)
    {
        string tree = System.IO.Path.Combine(BuildDirectory, $"{name}_{version}");
        Directory.CreateDirectory(System.IO.Path.Combine(tree, "DEBIAN"));
        Directory.CreateDirectory(System.IO.Path.Combine(tree, "usr/share", name));
        File.WriteAllText(System.IO.Path.Combine(tree, "usr/share", name, "version"), $"{name} {version}\n");
        StringBuilder control = new();
        control.Append($"Package: {name}\nVersion: {version}\nArchitecture: all\nMaintainer: live-persist tests <tests@example.org>\n");
        if (depends is not null)
        {
            control.Append($"Depends: {depends}\n");
        }

        control.Append($"Description: live-persist test package {name}\n");
        File.WriteAllText(System.IO.Path.Combine(tree, "DEBIAN/control"), control.ToString());
        if (failingPostinst)
        {
            string postinst = System.IO.Path.Combine(tree, "DEBIAN/postinst");
            File.WriteAllText(postinst, $"#!/bin/sh\necho \"{name}: set-up fails on purpose\" >&2\nexit 1\n");
            Tool.Run("chmod", "0755", postinst);
        }

        Tool.Run("dpkg-deb", "--root-owner-group", "-Zgzip", "--build", tree, System.IO.Path.Combine(Path, $"{name}_{version}_all.deb"));
    }

    /// <summary>Takes a package version out of the repository (as an archive does when a new version replaces it).</summary>
    public void Remove(string name, string version) => File.Delete(System.IO.Path.Combine(Path, $"{name}_{version}_all.deb"));

    /// <summary>Writes the indexes (Packages, Release).</summary>
    public void Publish()
    {
        File.WriteAllText(System.IO.Path.Combine(Path, "Packages"), RunIn(Path, "apt-ftparchive", "packages", "."));
        File.Delete(System.IO.Path.Combine(Path, "Release"));
        File.WriteAllText(System.IO.Path.Combine(Path, "Release"), RunIn(Path, "apt-ftparchive", "release", "."));
    }

    // apt-ftparchive names files relative to its working directory (the process's own is shared by the tests).
    private static string RunIn(string directory, string program, params string[] arguments) =>
        Tool.Run("sh", ["-c", "cd \"$1\" && shift && exec \"$@\"", "sh", directory, program, .. arguments]);
}
