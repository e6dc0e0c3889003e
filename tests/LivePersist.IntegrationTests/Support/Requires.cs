namespace LivePersist.IntegrationTests.Support;

/// <summary>
/// Preconditions of the root suite. They fail the test, never skip it: CI runs as root, and a root
/// test that silently skips would pass CI without having checked anything.
/// </summary>
internal static class Requires
{
    public static void Root()
    {
        if (!Environment.IsPrivilegedProcess)
        {
            throw new InvalidOperationException(
                "This test needs root (loop devices, mount(2)). Run the suite as root: sudo ./build.sh test");
        }
    }
}
