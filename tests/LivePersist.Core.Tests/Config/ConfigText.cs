using System.Text;
using LivePersist.Core.Config;
using Xunit;

namespace LivePersist.Core.Tests.Config;

/// <summary>Parses and writes configurations given as text, for readable tests.</summary>
internal static class ConfigText
{
    public static ConfigParseResult Parse(string text, DestinationRules? rules = null) =>
        PersistenceConfParser.Parse(Encoding.UTF8.GetBytes(text), rules);

    public static string Write(PersistenceConfiguration configuration) =>
        Encoding.UTF8.GetString(PersistenceConfWriter.Write(configuration));

    public static PersistenceConfiguration Build(params Binding[] bindings)
    {
        PersistenceConfiguration configuration = PersistenceConfiguration.Empty;
        foreach (Binding binding in bindings)
        {
            Assert.True(configuration.TryAdd(binding, out configuration, out string? reason), reason);
        }

        return configuration;
    }
}
