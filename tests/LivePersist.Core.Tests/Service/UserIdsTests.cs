using LivePersist.Core.Service;
using Xunit;

namespace LivePersist.Core.Tests.Service;

public sealed class UserIdsTests
{
    private const string Passwd = """
        root:x:0:0:root:/root:/bin/bash
        Debian-gdm:x:115:122:Gnome Display Manager:/var/lib/gdm3:/bin/false
        amnesia:x:1000:1000:amnesia,,,:/home/amnesia:/bin/bash
        broken-line
        gdm:x:notanumber:1::/:/bin/false
        """;

    [Theory]
    [InlineData("Debian-gdm", 115u)]
    [InlineData("amnesia", 1000u)]
    [InlineData("root", 0u)]
    [InlineData("4242", 4242u)]
    public void Resolve_Should_GiveTheUid_When_TheUserIsKnownOrANumber(string user, uint uid)
    {
        // When / Then
        Assert.Equal(uid, UserIds.Resolve(user, Passwd));
    }

    [Theory]
    [InlineData("debian-gdm")]
    [InlineData("Debian")]
    [InlineData("gdm")]
    [InlineData("-1")]
    [InlineData("x")]
    public void Resolve_Should_GiveNothing_When_TheNameIsNotExactlyAUser(string user)
    {
        // When / Then
        Assert.Null(UserIds.Resolve(user, Passwd));
    }
}
