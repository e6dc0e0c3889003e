using System.Text;

namespace LivePersist.Core.Service;

/// <summary>The web UI's pages as served: the session's CSRF token written into their <c>csrf-token</c> meta tag.</summary>
public static class WebPage
{
    /// <summary>What the pages hold in place of the token: <c>&lt;meta name="csrf-token" content="__CSRF_TOKEN__"&gt;</c>.</summary>
    public const string CsrfPlaceholder = "__CSRF_TOKEN__";

    /// <summary>The page with every placeholder replaced by <paramref name="csrfToken"/>.</summary>
    /// <exception cref="ArgumentException">The token holds a character that would need escaping in HTML.</exception>
    public static byte[] WithCsrfToken(ReadOnlySpan<byte> html, string csrfToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(csrfToken);
        if (!csrfToken.All(character => char.IsAsciiLetterOrDigit(character) || character is '-' or '_'))
        {
            throw new ArgumentException("A CSRF token is base64url text.", nameof(csrfToken));
        }

        ReadOnlySpan<byte> placeholder = "__CSRF_TOKEN__"u8;
        byte[] token = Encoding.ASCII.GetBytes(csrfToken);
        using MemoryStream page = new(html.Length + 64);
        while (true)
        {
            int at = html.IndexOf(placeholder);
            if (at < 0)
            {
                page.Write(html);
                return page.ToArray();
            }

            page.Write(html[..at]);
            page.Write(token);
            html = html[(at + placeholder.Length)..];
        }
    }
}
