// The service mounts, unlocks and reads SO_PEERCRED: Linux only.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
