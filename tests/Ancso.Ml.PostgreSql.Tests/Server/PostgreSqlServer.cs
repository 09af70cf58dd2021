using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Ancso.Ml.PostgreSql.Tests.Server;

/// <summary>
/// A throwaway PostgreSQL cluster for this test assembly: <c>initdb</c> in a temporary folder and <c>pg_ctl</c> on a
/// free loopback port, started on first use and stopped when the assembly's tests end. The server binaries come from
/// Debian's <c>postgresql</c> package (<c>/usr/lib/postgresql/&lt;version&gt;/bin</c>), <c>ANCSO_PG_BIN</c>, or the PATH.
/// As root (CI) the cluster runs as the <c>postgres</c> user, since <c>initdb</c> refuses root. Where no binaries can
/// be found, the tests that need the server are ignored with that reason; any other failure to start fails them.
/// </summary>
internal sealed class PostgreSqlServer
{
    private static readonly Lock Gate = new();
    private static Task<PostgreSqlServer>? _instance;
    private static string? _unavailable;

    private readonly string _bin;
    private readonly string _root;
    private readonly string? _runAs;

    private PostgreSqlServer(string bin, string root, string? runAs, int port)
    {
        _bin = bin;
        _root = root;
        _runAs = runAs;
        Port = port;
    }

    public int Port { get; }

    private string DataDirectory => Path.Combine(_root, "data");

    private string LogFile => Path.Combine(_root, "server.log");

    /// <summary>Gets the running server, starting it on first use; ignores the calling test when no binaries exist.</summary>
    public static async Task<PostgreSqlServer> GetAsync()
    {
        Task<PostgreSqlServer> instance;
        lock (Gate)
        {
            if (_unavailable is null && _instance is null)
            {
                _unavailable = FindBinaries(out var bin);
                if (_unavailable is null)
                {
                    _instance = Task.Run(() => StartNewAsync(bin!));
                }
            }

            if (_unavailable is not null)
            {
                Assert.Ignore(_unavailable);
            }

            instance = _instance!;
        }

        return await instance;
    }

    /// <summary>Stops the cluster if it was started, and removes its folder.</summary>
    public static void StopIfStarted()
    {
        Task<PostgreSqlServer>? instance;
        lock (Gate)
        {
            instance = _instance;
            _instance = null;
        }

        if (instance is { IsCompletedSuccessfully: true })
        {
            var server = instance.Result;
            server.PgCtl("stop", "-m", "immediate", "-w");
            try
            {
                Directory.Delete(server._root, recursive: true);
            }
            catch (IOException)
            {
                // Left for the OS to clean.
            }
        }
    }

    /// <summary>A connection string to the cluster's <c>postgres</c> database.</summary>
    public string ConnectionString(int maxPoolSize = 20) =>
        $"Host=127.0.0.1;Port={Port};Username=ancso;Database=postgres;Maximum Pool Size={maxPoolSize};Timeout=5;Command Timeout=30";

    /// <summary>A fresh schema name, so each test starts from an empty registry and store.</summary>
    public static string NewSchema() => "t_" + Guid.NewGuid().ToString("N")[..16];

    /// <summary>Stops the server (fast shutdown: connections are closed, sessions end).</summary>
    public void Stop() => PgCtl("stop", "-m", "fast", "-w");

    /// <summary>Starts the server again after <see cref="Stop"/>.</summary>
    public void Start() => PgCtl("start", "-w", "-t", "60", "-l", LogFile, "-o", ServerOptions());

    /// <summary>Runs a statement on a connection of its own.</summary>
    public async Task<object?> ScalarAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString() + ";Pooling=false");
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }

    private static async Task<PostgreSqlServer> StartNewAsync(string bin)
    {
        var parent = Path.Combine(Path.GetTempPath(), "ancso-pg-tests");
        var root = Path.Combine(parent, Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(root);
        var runAs = IsRoot() ? "postgres" : null;

        // Under a restrictive umask the folder would be closed to the server's user: it only needs to pass through.
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(parent, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
        }
        if (runAs is not null)
        {
            Run("chown", ["-R", runAs, root]);
        }

        var server = new PostgreSqlServer(bin, root, runAs, FreePort());
        server.Exec(Path.Combine(bin, "initdb"), ["-D", server.DataDirectory, "-U", "ancso", "--auth=trust", "-E", "UTF8", "--no-sync", "--no-instructions"]);
        server.Start();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => StopIfStarted();
        await using var connection = new NpgsqlConnection(server.ConnectionString());
        await connection.OpenAsync();
        return server;
    }

    private string ServerOptions() =>
        $"-p {Port} -k {_root} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off -c max_connections=200";

    private void PgCtl(params string[] arguments) => Exec(Path.Combine(_bin, "pg_ctl"), ["-D", DataDirectory, .. arguments]);

    private void Exec(string program, string[] arguments)
    {
        if (_runAs is null)
        {
            Run(program, arguments);
        }
        else
        {
            Run("runuser", ["-u", _runAs, "--", program, .. arguments]);
        }
    }

    private static string Run(string program, string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(120)))
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} did not finish within 120 s.");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} exited with {process.ExitCode}: {error.Result}{output.Result}");
        }

        return output.Result;
    }

    private static string? FindBinaries(out string? bin)
    {
        var candidates = new List<string>();
        if (Environment.GetEnvironmentVariable("ANCSO_PG_BIN") is { Length: > 0 } configured)
        {
            candidates.Add(configured);
        }

        if (Directory.Exists("/usr/lib/postgresql"))
        {
            candidates.AddRange(Directory.GetDirectories("/usr/lib/postgresql")
                .OrderByDescending(d => int.TryParse(Path.GetFileName(d), out var v) ? v : 0)
                .Select(d => Path.Combine(d, "bin")));
        }

        candidates.AddRange((Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries));
        bin = candidates.FirstOrDefault(d => Runnable(Path.Combine(d, "initdb")) && Runnable(Path.Combine(d, "pg_ctl")));
        if (bin is null)
        {
            return "PostgreSQL server binaries (initdb, pg_ctl) were not found in ANCSO_PG_BIN, /usr/lib/postgresql/*/bin or the PATH, so the tests against a real " +
                "PostgreSQL server cannot run here. Install Debian's 'postgresql' package (apt-get install -y postgresql; .ci/run does this) to run them.";
        }

        if (IsRoot() && !UserExists("postgres"))
        {
            bin = null;
            return "This process runs as root, which initdb refuses, and there is no 'postgres' user to run the throwaway cluster as. Install Debian's 'postgresql' package, which creates it.";
        }

        return null;
    }

    /// <summary>Whether the file exists, following symbolic links to the end (a link left behind by a removed package does not count).</summary>
    private static bool Runnable(string path)
    {
        var file = new FileInfo(path);
        return file.LinkTarget is null ? file.Exists : file.ResolveLinkTarget(returnFinalTarget: true) is { Exists: true };
    }

    private static bool IsRoot() => Run("id", ["-u"]).Trim() == "0";

    private static bool UserExists(string user)
    {
        try
        {
            Run("id", ["-u", user]);
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
