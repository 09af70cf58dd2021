using Ancso.Ml.Sqlite;
using Microsoft.Data.Sqlite;

namespace Ancso.Ml.Sqlite.Tests;

/// <summary>
/// A fixture around one pair store file in a fresh folder per test, written and read with plain SQL (no pooling) as an
/// older library or another tool would: for the migration tests.
/// </summary>
public abstract class SqliteFileTests
{
    private PairTestDirectory _directory = null!;

    /// <summary>Gets the store file of this test (not created until something writes it).</summary>
    protected string DatabasePath { get; private set; } = null!;

    [SetUp]
    public void CreateFolder()
    {
        _directory = new PairTestDirectory();
        DatabasePath = _directory.File("pairs.db");
    }

    [TearDown]
    public void DeleteFolder() => _directory.Dispose();

    /// <summary>Opens the file as the current library does.</summary>
    private protected SqlitePairStore Store() => new(new SqlitePairStoreOptions { DatabasePath = DatabasePath }, TimeProvider.System);

    /// <summary>Runs one or more statements with the parameters given.</summary>
    protected void Execute(string sql, params (string Name, object Value)[] parameters)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        command.ExecuteNonQuery();
    }

    /// <summary>The first column of the first row of a query.</summary>
    protected object? Scalar(string sql)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    /// <summary>SQL with blank lines dropped and every line trimmed, to compare schema steps.</summary>
    protected static string Normalize(string sql) =>
        string.Join('\n', sql.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0));

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False");
        connection.Open();
        return connection;
    }
}
