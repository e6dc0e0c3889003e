using LivePersist.Core.Service;
using Xunit;

namespace LivePersist.Core.Tests.Service;

public sealed class WebSessionStoreTests
{
    private readonly ManualTime _time = new();

    [Fact]
    public void Redeem_Should_OpenASessionWithTheLinksRole_When_TheTokenIsFresh()
    {
        // Given
        WebSessionStore store = new(_time);
        string token = store.IssueToken(ServiceRole.Greeter, 115, WebScreen.Unlock);

        // When
        WebSession? session = store.Redeem(token);

        // Then: new secrets, neither of them the token
        Assert.NotNull(session);
        Assert.Equal((ServiceRole.Greeter, 115u, WebScreen.Unlock), (session.Role, session.Uid, session.Screen));
        Assert.NotEqual(token, session.Id);
        Assert.NotEqual(session.Id, session.CsrfToken);
        Assert.Matches("^[A-Za-z0-9_-]{43}$", session.Id);
        Assert.Matches("^[A-Za-z0-9_-]{43}$", session.CsrfToken);
        Assert.Same(session, store.Find(session.Id));
    }

    [Fact]
    public void Redeem_Should_GiveNothing_When_TheTokenWasUsedAlready()
    {
        // Given
        WebSessionStore store = new(_time);
        string token = store.IssueToken(ServiceRole.Desktop, 1000, WebScreen.Settings);
        Assert.NotNull(store.Redeem(token));

        // When / Then
        Assert.Null(store.Redeem(token));
    }

    [Fact]
    public void Redeem_Should_GiveNothing_When_TheTokenIsOlderThanSixtySeconds()
    {
        // Given
        WebSessionStore store = new(_time);
        string late = store.IssueToken(ServiceRole.Desktop, 1000, WebScreen.Settings);
        string inTime = store.IssueToken(ServiceRole.Desktop, 1000, WebScreen.Settings);

        // When
        _time.Advance(TimeSpan.FromSeconds(59));
        WebSession? first = store.Redeem(inTime);
        _time.Advance(TimeSpan.FromSeconds(1));
        WebSession? second = store.Redeem(late);

        // Then
        Assert.NotNull(first);
        Assert.Null(second);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not-a-token")]
    public void RedeemAndFind_Should_GiveNothing_When_TheSecretIsUnknown(string? secret)
    {
        // Given
        WebSessionStore store = new(_time);
        store.Redeem(store.IssueToken(ServiceRole.Desktop, 1000, WebScreen.Settings));

        // When / Then
        Assert.Null(store.Redeem(secret));
        Assert.Null(store.Find(secret));
    }

    [Fact]
    public void Find_Should_GiveNothing_When_TheSessionExpired()
    {
        // Given
        WebSessionStore store = new(_time);
        WebSession session = store.Redeem(store.IssueToken(ServiceRole.Desktop, 1000, WebScreen.Settings))!;

        // When
        _time.Advance(WebSessionStore.SessionLifetime - TimeSpan.FromSeconds(1));
        WebSession? before = store.Find(session.Id);
        _time.Advance(TimeSpan.FromSeconds(1));
        WebSession? after = store.Find(session.Id);

        // Then
        Assert.NotNull(before);
        Assert.Null(after);
    }

    [Fact]
    public void Find_Should_NotAcceptTheCsrfTokenOrTheLinkToken_When_GivenAsTheCookie()
    {
        // Given
        WebSessionStore store = new(_time);
        string token = store.IssueToken(ServiceRole.Desktop, 1000, WebScreen.Settings);
        WebSession session = store.Redeem(token)!;

        // When / Then
        Assert.Null(store.Find(session.CsrfToken));
        Assert.Null(store.Find(token));
    }

    [Fact]
    public void IssueToken_Should_DropTheOldestTokens_When_TooManyWait()
    {
        // Given
        WebSessionStore store = new(_time);
        string oldest = store.IssueToken(ServiceRole.Desktop, 1000, WebScreen.Settings);
        _time.Advance(TimeSpan.FromMilliseconds(1));
        string[] newer = Enumerable.Range(0, WebSessionStore.Capacity).Select(_ => store.IssueToken(ServiceRole.Desktop, 1000, WebScreen.Settings)).ToArray();

        // When / Then
        Assert.Null(store.Redeem(oldest));
        Assert.All(newer, token => Assert.NotNull(store.Redeem(token)));
    }

    [Fact]
    public void IssueToken_Should_Refuse_When_TheCallerHasNoRole()
    {
        // Given
        WebSessionStore store = new(_time);

        // When / Then
        Assert.Throws<ArgumentException>(() => store.IssueToken(ServiceRole.None, 1001, WebScreen.Settings));
    }

    [Fact]
    public void ToString_Should_NotShowTheSecrets_When_ASessionIsLogged()
    {
        // Given
        WebSessionStore store = new(_time);
        WebSession session = store.Redeem(store.IssueToken(ServiceRole.Desktop, 1000, WebScreen.Settings))!;

        // When
        string text = session.ToString();

        // Then
        Assert.DoesNotContain(session.Id, text, StringComparison.Ordinal);
        Assert.DoesNotContain(session.CsrfToken, text, StringComparison.Ordinal);
    }
}
