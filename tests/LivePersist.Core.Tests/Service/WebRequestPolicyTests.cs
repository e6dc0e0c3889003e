using LivePersist.Core.Service;
using Xunit;

namespace LivePersist.Core.Tests.Service;

public sealed class WebRequestPolicyTests
{
    private const string Host = "127.0.0.1:41234";
    private const string Origin = "http://127.0.0.1:41234";
    private const string Csrf = "c2VjcmV0LXRva2VuLW9mLXRoZS1zZXNzaW9u";

    private static readonly WebRequestPolicy s_policy = new(41234);
    private static readonly WebSession s_session = new("session-id", Csrf, ServiceRole.Desktop, 1000, WebScreen.Settings, DateTimeOffset.MaxValue);

    [Theory]
    [InlineData("GET")]
    [InlineData("POST")]
    public void Evaluate_Should_Allow_When_EverythingIsAsTheWebUiSendsIt(string method)
    {
        // When / Then
        Assert.Equal(WebVerdict.Allowed, s_policy.Evaluate(method, Host, Origin, Csrf, s_session));
    }

    [Theory]
    [InlineData("localhost:41234")]
    [InlineData("127.0.0.1")]
    [InlineData("127.0.0.1:41235")]
    [InlineData("evil.example:41234")]
    [InlineData("127.0.0.1:41234.evil.example")]
    [InlineData("127.0.0.1:041234")]
    [InlineData("")]
    [InlineData(null)]
    public void Evaluate_Should_RefuseTheHost_When_ItIsNotExactly127001AndThePort(string? host)
    {
        // When / Then: checked first, before the session, also for the token exchange
        Assert.Equal(WebVerdict.WrongHost, s_policy.Evaluate("GET", host, Origin, Csrf, s_session));
        Assert.Equal(WebVerdict.WrongHost, s_policy.Evaluate("GET", host, null, null, null, needsSession: false));
    }

    [Fact]
    public void Evaluate_Should_AskForASession_When_ThereIsNone()
    {
        // When / Then
        Assert.Equal(WebVerdict.NoSession, s_policy.Evaluate("GET", Host, null, null, null));
        Assert.Equal(WebVerdict.NoSession, s_policy.Evaluate("POST", Host, Origin, Csrf, null));
        Assert.Equal(WebVerdict.Allowed, s_policy.Evaluate("GET", Host, null, null, null, needsSession: false));
    }

    [Theory]
    [InlineData("POST")]
    [InlineData("PUT")]
    [InlineData("DELETE")]
    [InlineData("PATCH")]
    [InlineData("OPTIONS")]
    public void Evaluate_Should_RefuseAStateChange_When_TheOriginIsWrongOrMissing(string method)
    {
        // When / Then
        Assert.Equal(WebVerdict.WrongOrigin, s_policy.Evaluate(method, Host, null, Csrf, s_session));
        Assert.Equal(WebVerdict.WrongOrigin, s_policy.Evaluate(method, Host, "null", Csrf, s_session));
        Assert.Equal(WebVerdict.WrongOrigin, s_policy.Evaluate(method, Host, "http://localhost:41234", Csrf, s_session));
        Assert.Equal(WebVerdict.WrongOrigin, s_policy.Evaluate(method, Host, "https://127.0.0.1:41234", Csrf, s_session));
        Assert.Equal(WebVerdict.WrongOrigin, s_policy.Evaluate(method, Host, Origin + "/", Csrf, s_session));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("c2VjcmV0LXRva2VuLW9mLXRoZS1zZXNzaW9")]
    [InlineData("c2VjcmV0LXRva2VuLW9mLXRoZS1zZXNzaW9uX")]
    [InlineData("C2VjcmV0LXRva2VuLW9mLXRoZS1zZXNzaW9u")]
    public void Evaluate_Should_RefuseAStateChange_When_TheCsrfTokenIsNotTheSessions(string? token)
    {
        // When / Then
        Assert.Equal(WebVerdict.WrongCsrfToken, s_policy.Evaluate("POST", Host, Origin, token, s_session));
    }

    [Fact]
    public void Evaluate_Should_NeedNoCsrfToken_When_TheRequestOnlyReads()
    {
        // When / Then
        Assert.Equal(WebVerdict.Allowed, s_policy.Evaluate("GET", Host, null, null, s_session));
        Assert.Equal(WebVerdict.Allowed, s_policy.Evaluate("HEAD", Host, "http://evil.example", "wrong", s_session));
    }

    [Fact]
    public void HostAndOrigin_Should_NameThePort_When_Built()
    {
        // When / Then
        Assert.Equal(Host, s_policy.Host);
        Assert.Equal(Origin, s_policy.Origin);
    }
}
