namespace LivePersist.Cli;

internal static class Program
{
    private static int Main(string[] args)
    {
        Console.Error.WriteLine("live-persist: not implemented yet");
        return 1;
    }
}
