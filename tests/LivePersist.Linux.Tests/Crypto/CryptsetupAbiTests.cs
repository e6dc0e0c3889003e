using Xunit;

namespace LivePersist.Linux.Tests.Crypto;

public sealed class CryptsetupAbiTests
{
    [Fact]
    public void Structs_Should_MatchLibcryptsetupHeader()
    {
        // Given
        CProgram program = new CProgram("libcryptsetup.h")
            .Struct<Interop.Cryptsetup.CryptPbkdfType>(
                "struct crypt_pbkdf_type",
                ("Type", "type"),
                ("Hash", "hash"),
                ("TimeMs", "time_ms"),
                ("Iterations", "iterations"),
                ("MaxMemoryKb", "max_memory_kb"),
                ("ParallelThreads", "parallel_threads"),
                ("Flags", "flags"))
            .Struct<Interop.Cryptsetup.CryptParamsLuks2>(
                "struct crypt_params_luks2",
                ("Pbkdf", "pbkdf"),
                ("Integrity", "integrity"),
                ("IntegrityParams", "integrity_params"),
                ("DataAlignment", "data_alignment"),
                ("DataDevice", "data_device"),
                ("SectorSize", "sector_size"),
                ("Label", "label"),
                ("Subsystem", "subsystem"));

        // When
        IReadOnlyList<string> mismatches = program.Mismatches();

        // Then
        Assert.Empty(mismatches);
    }

    [Fact]
    public void Constants_Should_MatchLibcryptsetupHeader()
    {
        // Given
        CProgram program = new CProgram("libcryptsetup.h")
            .String("CRYPT_LUKS1", Interop.Cryptsetup.CRYPT_LUKS1)
            .String("CRYPT_LUKS2", Interop.Cryptsetup.CRYPT_LUKS2)
            .Integer("CRYPT_ANY_SLOT", Interop.Cryptsetup.CRYPT_ANY_SLOT)
            .Integer("CRYPT_ACTIVATE_READONLY", Interop.Cryptsetup.CRYPT_ACTIVATE_READONLY)
            .Integer("CRYPT_PBKDF_NO_BENCHMARK", Interop.Cryptsetup.CRYPT_PBKDF_NO_BENCHMARK)
            .Integer("CRYPT_LOG_NORMAL", Interop.Cryptsetup.CRYPT_LOG_NORMAL)
            .Integer("CRYPT_LOG_ERROR", Interop.Cryptsetup.CRYPT_LOG_ERROR)
            .Integer("CRYPT_LOG_VERBOSE", Interop.Cryptsetup.CRYPT_LOG_VERBOSE)
            .Integer("CRYPT_LOG_DEBUG", Interop.Cryptsetup.CRYPT_LOG_DEBUG)
            .Integer("CRYPT_WIPE_ZERO", Interop.Cryptsetup.CRYPT_WIPE_ZERO)
            .Integer("CRYPT_SLOT_INVALID", Interop.Cryptsetup.CRYPT_SLOT_INVALID)
            .Integer("CRYPT_SLOT_INACTIVE", Interop.Cryptsetup.CRYPT_SLOT_INACTIVE)
            .Integer("CRYPT_SLOT_ACTIVE", Interop.Cryptsetup.CRYPT_SLOT_ACTIVE)
            .Integer("CRYPT_SLOT_ACTIVE_LAST", Interop.Cryptsetup.CRYPT_SLOT_ACTIVE_LAST)
            .Integer("CRYPT_SLOT_UNBOUND", Interop.Cryptsetup.CRYPT_SLOT_UNBOUND)
            .String("CRYPT_KDF_PBKDF2", "pbkdf2")
            .String("CRYPT_KDF_ARGON2I", "argon2i")
            .String("CRYPT_KDF_ARGON2ID", "argon2id");

        // When
        IReadOnlyList<string> mismatches = program.Mismatches();

        // Then
        Assert.Empty(mismatches);
    }
}
