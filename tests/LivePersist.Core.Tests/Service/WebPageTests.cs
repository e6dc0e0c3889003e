using System.Text;
using LivePersist.Core.Service;
using Xunit;

namespace LivePersist.Core.Tests.Service;

public sealed class WebPageTests
{
    [Fact]
    public void WithCsrfToken_Should_WriteTheTokenIntoTheMetaTag_When_ThePageHasThePlaceholder()
    {
        // Given
        byte[] html = Encoding.UTF8.GetBytes("<head><meta name=\"csrf-token\" content=\"__CSRF_TOKEN__\"></head><p>é __CSRF_TOKEN__</p>");

        // When
        string page = Encoding.UTF8.GetString(WebPage.WithCsrfToken(html, "abc-DEF_123"));

        // Then
        Assert.Equal("<head><meta name=\"csrf-token\" content=\"abc-DEF_123\"></head><p>é abc-DEF_123</p>", page);
    }

    [Fact]
    public void WithCsrfToken_Should_LeaveThePageAsItIs_When_ThereIsNoPlaceholder()
    {
        // Given
        byte[] html = Encoding.UTF8.GetBytes("<p>__CSRF_TOKEN_</p>");

        // When / Then
        Assert.Equal(html, WebPage.WithCsrfToken(html, "abc"));
    }

    [Theory]
    [InlineData("\"><script>")]
    [InlineData("a b")]
    [InlineData("")]
    public void WithCsrfToken_Should_Refuse_When_TheTokenIsNotBase64Url(string token)
    {
        // When / Then
        Assert.ThrowsAny<ArgumentException>(() => WebPage.WithCsrfToken("<p></p>"u8, token));
    }
}
