namespace ArcActors.Node.Commands;

/// <summary>Checks an output folder before a long run, so a bad path fails at once instead of after the work.</summary>
public static class OutputFolder
{
    /// <summary>Throws <see cref="IOException"/> naming the path when it cannot hold the output files.</summary>
    public static void Check(string path)
    {
        var full = Path.GetFullPath(path);
        if (File.Exists(full))
        {
            throw new IOException($"--out {full} is a file; give a folder (it is created if missing).");
        }

        var existing = full;
        while (!Directory.Exists(existing))
        {
            existing = Path.GetDirectoryName(existing)
                ?? throw new IOException($"--out {full} has no existing parent folder; give a path under an existing folder.");
            if (File.Exists(existing))
            {
                throw new IOException($"--out {full} is under {existing}, which is a file; give a folder path.");
            }
        }

        var probe = Path.Combine(existing, $".arcactors-write-check-{Guid.NewGuid():N}");
        try
        {
            File.WriteAllBytes(probe, []);
            File.Delete(probe);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new IOException($"--out {full} cannot be created or written under {existing}; give a writable folder.", exception);
        }
    }
}
