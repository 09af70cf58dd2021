// Shared by three builds: the MSBuild inline task of Ancso.Ml.Training.targets (RoslynCodeTaskFactory, netstandard2.0,
// so no Span or BinaryPrimitives here), the Ancso.Ml.Training library (ANCSO_ELF_ONLY: the ELF reader alone, for the
// run-time diagnosis) and its tests.
#nullable enable
using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;

namespace Ancso.Ml.Training.Build;

/// <summary>One <c>Vernaux</c> entry of an ELF file's <c>.gnu.version_r</c>: a symbol version the file needs from a library.</summary>
internal sealed class ElfVersionNeed
{
    public ElfVersionNeed(string library, string version, ushort flags, long flagsOffset)
    {
        Library = library;
        Version = version;
        Flags = flags;
        FlagsOffset = flagsOffset;
    }

    /// <summary>Gets the library, for example <c>libstdc++.so.6</c>.</summary>
    public string Library { get; }

    /// <summary>Gets the version, for example <c>GLIBCXX_3.4.32</c>.</summary>
    public string Version { get; }

    /// <summary>Gets <c>vna_flags</c>.</summary>
    public ushort Flags { get; }

    /// <summary>Gets the file offset of <c>vna_flags</c>.</summary>
    public long FlagsOffset { get; }

    /// <summary>Gets whether <c>VER_FLG_WEAK</c> is set: the loader then accepts a library that lacks the version.</summary>
    public bool IsWeak => (Flags & ElfVersions.WeakFlag) != 0;
}

/// <summary>What <see cref="ElfVersions.MakeVersionNeedWeak"/> did.</summary>
internal enum WeakPatchOutcome
{
    /// <summary>The entry was strong; a new file with the weak flag replaced the old one.</summary>
    Patched,

    /// <summary>The entry was already weak; the file was left alone.</summary>
    AlreadyWeak,

    /// <summary>The file does not need that version of that library; the file was left alone.</summary>
    NotNeeded,
}

/// <summary>
/// Reads the symbol versions an ELF64 little-endian file needs (<c>.gnu.version_r</c>) or defines (<c>.gnu.version_d</c>),
/// and marks one needed version weak. Debian 12 and Ubuntu 22.04 ship a libstdc++ without <c>GLIBCXX_3.4.32</c>, which
/// TorchSharp's <c>libLibTorchSharp.so</c> names for one marker symbol it never calls; marking that need weak lets it load.
/// </summary>
internal static class ElfVersions
{
    public const ushort WeakFlag = 0x2;
    public const string LibStdCxx = "libstdc++.so.6";
    public const string MissingVersion = "GLIBCXX_3.4.32";

    private const uint ShtGnuVerdef = 0x6ffffffd;
    private const uint ShtGnuVerneed = 0x6ffffffe;

    /// <summary>The folders searched for the system's libstdc++, in order.</summary>
    public static readonly string[] LibraryFolders =
    [
        "/usr/lib/x86_64-linux-gnu", "/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu", "/lib/aarch64-linux-gnu",
        "/usr/lib64", "/lib64", "/usr/lib", "/lib", "/usr/local/lib64", "/usr/local/lib",
    ];

    /// <summary>Lists the versions an ELF file needs.</summary>
    /// <exception cref="InvalidDataException">The bytes are not a well-formed ELF64 little-endian file.</exception>
    public static List<ElfVersionNeed> ReadVersionNeeds(byte[] elf, string path)
    {
        var result = new List<ElfVersionNeed>();
        foreach (var section in ReadSections(elf, path))
        {
            if (section.Type != ShtGnuVerneed)
            {
                continue;
            }

            var strings = LinkedStrings(elf, path, section);
            long entry = section.Offset;
            for (uint i = 0; i < section.Info; i++)
            {
                Check(elf, path, entry, 16, "Verneed");
                var count = U16(elf, entry + 2);
                var file = CString(elf, path, strings, U32(elf, entry + 4));
                long aux = entry + U32(elf, entry + 8);
                for (var j = 0; j < count; j++)
                {
                    Check(elf, path, aux, 16, "Vernaux");
                    var name = CString(elf, path, strings, U32(elf, aux + 8));
                    result.Add(new ElfVersionNeed(file, name, U16(elf, aux + 4), aux + 4));
                    var nextAux = U32(elf, aux + 12);
                    if (nextAux == 0)
                    {
                        break;
                    }

                    aux += nextAux;
                }

                var next = U32(elf, entry + 12);
                if (next == 0)
                {
                    break;
                }

                entry += next;
            }
        }

        return result;
    }

    /// <summary>Lists the versions an ELF file defines (for a library, the versions it provides).</summary>
    /// <exception cref="InvalidDataException">The bytes are not a well-formed ELF64 little-endian file.</exception>
    public static List<string> ReadVersionDefinitions(byte[] elf, string path)
    {
        var result = new List<string>();
        foreach (var section in ReadSections(elf, path))
        {
            if (section.Type != ShtGnuVerdef)
            {
                continue;
            }

            var strings = LinkedStrings(elf, path, section);
            long entry = section.Offset;
            for (uint i = 0; i < section.Info; i++)
            {
                Check(elf, path, entry, 20, "Verdef");
                var count = U16(elf, entry + 6);
                if (count > 0)
                {
                    long aux = entry + U32(elf, entry + 12);
                    Check(elf, path, aux, 8, "Verdaux");
                    result.Add(CString(elf, path, strings, U32(elf, aux)));
                }

                var next = U32(elf, entry + 16);
                if (next == 0)
                {
                    break;
                }

                entry += next;
            }
        }

        return result;
    }

    /// <summary>Finds the system's libstdc++ in the usual library folders, or returns <see langword="null"/>.</summary>
    public static string? FindSystemLibStdCxx()
    {
        foreach (var folder in LibraryFolders)
        {
            var candidate = Path.Combine(folder, LibStdCxx);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>Returns whether a library file defines <paramref name="version"/>; falls back to a byte search when its version definitions cannot be parsed.</summary>
    public static bool LibraryProvides(string libraryPath, string version)
    {
        var bytes = File.ReadAllBytes(libraryPath);
        try
        {
            return ReadVersionDefinitions(bytes, libraryPath).Contains(version);
        }
        catch (InvalidDataException)
        {
            return IndexOf(bytes, Encoding.ASCII.GetBytes(version + "\0")) >= 0;
        }
    }

    /// <summary>
    /// Sets <c>VER_FLG_WEAK</c> on the entry of <paramref name="path"/> that needs <paramref name="version"/> of
    /// <paramref name="library"/>. Writes a new file beside it and renames it into place, so a hard link to the original
    /// (for example into a package cache) keeps the original bytes. Idempotent.
    /// </summary>
    /// <exception cref="InvalidDataException">The file is not a well-formed ELF64 little-endian file.</exception>
    public static WeakPatchOutcome MakeVersionNeedWeak(string path, string library, string version)
    {
        var bytes = File.ReadAllBytes(path);
        ElfVersionNeed? target = null;
        foreach (var need in ReadVersionNeeds(bytes, path))
        {
            if (need.Library == library && need.Version == version)
            {
                target = need;
                break;
            }
        }

        if (target is null)
        {
            return WeakPatchOutcome.NotNeeded;
        }

        if (target.IsWeak)
        {
            return WeakPatchOutcome.AlreadyWeak;
        }

        var flags = (ushort)(target.Flags | WeakFlag);
        bytes[target.FlagsOffset] = (byte)(flags & 0xff);
        bytes[target.FlagsOffset + 1] = (byte)(flags >> 8);

        var directory = Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".";
        var temp = Path.Combine(directory, "." + Path.GetFileName(path) + "." + Guid.NewGuid().ToString("N").Substring(0, 12) + ".tmp");
        try
        {
            // A copy first keeps the file's mode; then the patched bytes go into the new inode, never the old one.
            File.Copy(path, temp);
            using (var stream = new FileStream(temp, FileMode.Open, FileAccess.Write, FileShare.None))
            {
                stream.Write(bytes, 0, bytes.Length);
                stream.Flush(flushToDisk: true);
            }

            File.Replace(temp, path, destinationBackupFileName: null);
        }
        catch
        {
            try
            {
                File.Delete(temp);
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }

            throw;
        }

        return WeakPatchOutcome.Patched;
    }

    private static List<Section> ReadSections(byte[] elf, string path)
    {
        if (elf.Length < 64 || elf[0] != 0x7f || elf[1] != (byte)'E' || elf[2] != (byte)'L' || elf[3] != (byte)'F')
        {
            throw new InvalidDataException($"{path} is not an ELF file.");
        }

        if (elf[4] != 2 || elf[5] != 1)
        {
            throw new InvalidDataException($"{path} is not a 64-bit little-endian ELF file (class {elf[4]}, data {elf[5]}).");
        }

        var sectionHeaders = (long)U64(elf, 0x28);
        int entrySize = U16(elf, 0x3a);
        int count = U16(elf, 0x3c);
        if (sectionHeaders == 0 || count == 0)
        {
            throw new InvalidDataException($"{path} has no section headers.");
        }

        if (entrySize < 64)
        {
            throw new InvalidDataException($"{path} declares section headers of {entrySize} bytes; ELF64 needs 64.");
        }

        Check(elf, path, sectionHeaders, (long)entrySize * count, "section header table");
        var sections = new List<Section>(count);
        for (var i = 0; i < count; i++)
        {
            long at = sectionHeaders + ((long)i * entrySize);
            var section = new Section(U32(elf, at + 4), (long)U64(elf, at + 0x18), (long)U64(elf, at + 0x20), U32(elf, at + 0x28), U32(elf, at + 0x2c));
            sections.Add(section);
        }

        foreach (var section in sections)
        {
            if (section.Type is ShtGnuVerdef or ShtGnuVerneed)
            {
                Check(elf, path, section.Offset, section.Size, "version section");
                if (section.Link >= sections.Count)
                {
                    throw new InvalidDataException($"{path}: a version section links to section {section.Link}, which does not exist.");
                }

                section.Strings = sections[(int)section.Link];
            }
        }

        return sections;
    }

    private static Section LinkedStrings(byte[] elf, string path, Section section)
    {
        var strings = section.Strings ?? throw new InvalidDataException($"{path}: a version section has no string table.");
        Check(elf, path, strings.Offset, strings.Size, "string table");
        return strings;
    }

    private static string CString(byte[] elf, string path, Section strings, uint offset)
    {
        if (offset >= strings.Size)
        {
            throw new InvalidDataException($"{path}: a version name points past its string table.");
        }

        long start = strings.Offset + offset;
        long end = start;
        long limit = strings.Offset + strings.Size;
        while (end < limit && elf[end] != 0)
        {
            end++;
        }

        return Encoding.ASCII.GetString(elf, (int)start, (int)(end - start));
    }

    private static void Check(byte[] elf, string path, long offset, long length, string what)
    {
        if (offset < 0 || length < 0 || offset + length > elf.Length)
        {
            throw new InvalidDataException(string.Format(CultureInfo.InvariantCulture,
                "{0}: the {1} at offset {2} (length {3}) lies outside the file ({4} bytes); the file is truncated or not an ELF64 file.",
                path, what, offset, length, elf.Length));
        }
    }

    private static ushort U16(byte[] b, long at) => (ushort)(b[at] | (b[at + 1] << 8));

    private static uint U32(byte[] b, long at) => (uint)(b[at] | (b[at + 1] << 8) | (b[at + 2] << 16) | (b[at + 3] << 24));

    private static ulong U64(byte[] b, long at) => U32(b, at) | ((ulong)U32(b, at + 4) << 32);

    private static int IndexOf(byte[] haystack, byte[] needle)
    {
        for (var i = 0; i <= haystack.Length - needle.Length; i++)
        {
            var match = true;
            for (var j = 0; j < needle.Length; j++)
            {
                if (haystack[i + j] != needle[j])
                {
                    match = false;
                    break;
                }
            }

            if (match)
            {
                return i;
            }
        }

        return -1;
    }

    private sealed class Section
    {
        public Section(uint type, long offset, long size, uint link, uint info)
        {
            Type = type;
            Offset = offset;
            Size = size;
            Link = link;
            Info = info;
        }

        public uint Type { get; }

        public long Offset { get; }

        public long Size { get; }

        public uint Link { get; }

        public uint Info { get; }

        public Section? Strings { get; set; }
    }
}

#if !ANCSO_ELF_ONLY
/// <summary>
/// MSBuild task: marks <c>GLIBCXX_3.4.32</c> weak in the build or publish output's copies of TorchSharp's
/// <c>libLibTorchSharp.so</c>, whatever machine builds (the flag is harmless where libstdc++ has the version), and stops
/// the build on a TorchSharp version whose file it does not know.
/// </summary>
public sealed class AncsoPatchLibTorchSharp : Microsoft.Build.Utilities.Task
{
    /// <summary>Gets or sets the output copies of <c>libLibTorchSharp.so</c>, each with its <c>NuGetPackageVersion</c> metadata.</summary>
    [Microsoft.Build.Framework.Required]
    public Microsoft.Build.Framework.ITaskItem[] Files { get; set; } = [];

    /// <summary>Gets or sets the TorchSharp versions whose <c>libLibTorchSharp.so</c> this fix is known to be right for, separated by semicolons.</summary>
    public string KnownVersions { get; set; } = "";

    /// <inheritdoc/>
    public override bool Execute()
    {
        var known = new List<string>();
        foreach (var version in (KnownVersions ?? "").Split(';'))
        {
            if (version.Trim().Length > 0)
            {
                known.Add(version.Trim());
            }
        }

        foreach (var item in Files)
        {
            var path = item.ItemSpec;
            var version = item.GetMetadata("NuGetPackageVersion");
            if (!known.Contains(version))
            {
                Log.LogError(null, "ANCSO1001", null, null, 0, 0, 0, 0,
                    "Ancso.Ml.Training: TorchSharp {0} is referenced, and the fix of its libLibTorchSharp.so for Debian 12 / Ubuntu 22.04 (marking {1} weak) is known only for TorchSharp {2}. Reference TorchSharp {2} (TorchSharp-cpu brings it), or set the MSBuild property AncsoPatchLibTorchSharp=never to build with the file as shipped ({3}).",
                    version.Length == 0 ? "(version unknown)" : version, ElfVersions.MissingVersion, string.Join(", ", known), path);
                continue;
            }

            try
            {
                var outcome = ElfVersions.MakeVersionNeedWeak(path, ElfVersions.LibStdCxx, ElfVersions.MissingVersion);
                switch (outcome)
                {
                    case WeakPatchOutcome.Patched:
                        Log.LogMessage(Microsoft.Build.Framework.MessageImportance.Normal,
                            $"Ancso.Ml.Training: marked {ElfVersions.MissingVersion} weak in {path} (a copy; the package cache is untouched), so TorchSharp loads on Debian 12 and Ubuntu 22.04. Set AncsoPatchLibTorchSharp=never to turn this off.");
                        break;
                    case WeakPatchOutcome.AlreadyWeak:
                        Log.LogMessage(Microsoft.Build.Framework.MessageImportance.Low, $"Ancso.Ml.Training: {path} already marks {ElfVersions.MissingVersion} weak.");
                        break;
                    default:
                        Log.LogError(null, "ANCSO1003", null, null, 0, 0, 0, 0,
                            "Ancso.Ml.Training: {0} (TorchSharp {1}) does not name {2} of {3}, so it is not the file this fix was made for. Restore the packages again, or set AncsoPatchLibTorchSharp=never.",
                            path, version, ElfVersions.MissingVersion, ElfVersions.LibStdCxx);
                        break;
                }
            }
            catch (Exception ex) when (ex is IOException or InvalidDataException or UnauthorizedAccessException)
            {
                Log.LogError(null, "ANCSO1004", null, null, 0, 0, 0, 0,
                    "Ancso.Ml.Training: could not mark {0} weak in {1}: {2} Set AncsoPatchLibTorchSharp=never to build with the file as shipped.",
                    ElfVersions.MissingVersion, path, ex.Message);
            }
        }

        return !Log.HasLoggedErrors;
    }
}
#endif
