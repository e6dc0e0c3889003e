namespace LivePersist.Core.Encryption;

/// <summary>
/// A short, embedded list of passwords and words at the top of every leaked-password list, in lower case.
/// Attackers try these (and their l33t spellings) first, so a passphrase built on one gains almost nothing from it.
/// </summary>
internal static class CommonPasswords
{
    /// <summary>The words, lower-case ASCII, at least 4 characters each.</summary>
    internal static readonly string[] Words =
    [
        "123456", "password", "12345678", "qwerty", "123456789", "12345", "1234567", "111111", "123123", "abc123",
        "1234567890", "000000", "654321", "555555", "666666", "777777", "888888", "121212", "112233", "159753",
        "qwertyuiop", "qwertz", "azerty", "asdfgh", "asdfghjkl", "zxcvbn", "zxcvbnm", "qazwsx", "1q2w3e4r", "zaq12wsx",
        "123qwe", "qwe123", "abcdef", "abcd1234", "iloveyou", "letmein", "welcome", "monkey", "dragon", "football",
        "baseball", "soccer", "hockey", "sunshine", "princess", "trustno1", "shadow", "master", "superman", "batman",
        "starwars", "pokemon", "naruto", "minecraft", "whatever", "freedom", "secret", "access", "login", "admin",
        "administrator", "changeme", "default", "guest", "root", "toor", "test", "hello", "charlie", "michael",
        "jennifer", "jessica", "ashley", "nicole", "daniel", "thomas", "robert", "andrew", "joshua", "jordan",
        "hunter", "killer", "pepper", "ginger", "cookie", "cheese", "banana", "orange", "purple", "yellow",
        "silver", "golden", "flower", "lovely", "summer", "winter", "spring", "autumn", "tigger", "buster",
        "harley", "ranger", "mustang", "matrix", "computer", "internet", "liverpool", "chelsea", "arsenal", "chocolate",
        "passwort", "motdepasse", "contrasena", "senha", "parola", "haslo", "salasana", "tails", "amnesia",
        "persistent", "persistence", "debian", "linux", "ubuntu", "blink182", "michelle", "maggie", "bailey",
    ];
}
