using System.Globalization;

namespace LivePersist.Core.Service;

/// <summary>Turns the user names of profiles and options into uids, from the text of <c>/etc/passwd</c>.</summary>
public static class UserIds
{
    /// <summary>
    /// The uid of <paramref name="nameOrUid"/>: a number is a uid as it is; a name is looked up in
    /// <paramref name="passwd"/> (lines <c>name:password:uid:gid:...</c>). Null when the name is not there.
    /// </summary>
    public static uint? Resolve(string nameOrUid, string passwd)
    {
        ArgumentException.ThrowIfNullOrEmpty(nameOrUid);
        ArgumentNullException.ThrowIfNull(passwd);
        if (uint.TryParse(nameOrUid, NumberStyles.None, CultureInfo.InvariantCulture, out uint uid))
        {
            return uid;
        }

        foreach (string line in passwd.Split('\n'))
        {
            string[] fields = line.Split(':');
            if (fields.Length >= 3 && string.Equals(fields[0], nameOrUid, StringComparison.Ordinal)
                && uint.TryParse(fields[2], NumberStyles.None, CultureInfo.InvariantCulture, out uid))
            {
                return uid;
            }
        }

        return null;
    }
}
