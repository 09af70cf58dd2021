namespace Ancso.Ml.Cli.Commands;

/// <summary><c>ancso ranker activate &lt;version&gt;</c> or <c>--previous</c>: switches the active model atomically.</summary>
internal sealed class ActivateCommand(CliEnvironment environment) : CliCommand(environment)
{
    private readonly Argument<string?> _version = new("version") { Description = "The version to activate (see 'ancso ranker versions').", Arity = ArgumentArity.ZeroOrOne };
    private readonly Option<bool> _previous = new("--previous") { Description = "Roll back to the version that was active before the current one." };

    public override Command Build()
    {
        var command = new Command("activate", "Activate a stored model version (atomically; running services reload it), or roll back with --previous.")
        {
            _version, _previous,
        };
        return WithAction(command);
    }

    protected override async Task<int> ExecuteAsync(CliContext context, ParseResult parse, CancellationToken cancellationToken)
    {
        var version = parse.GetValue(_version);
        var previous = parse.GetValue(_previous);
        if (version is null == !previous)
        {
            throw new CliException("Give either a version or --previous (see 'ancso ranker versions').", ExitCodes.Usage);
        }

        var registry = context.Get<IModelRegistry>();
        ModelVersionInfo activated;
        try
        {
            activated = previous
                ? await registry.RollbackAsync(cancellationToken).ConfigureAwait(false)
                : await registry.ActivateAsync(version!, cancellationToken).ConfigureAwait(false);
        }
        catch (ModelRegistryException ex)
        {
            throw new CliException(ex.Message, ex);
        }

        context.Output.Result(new { Active = activated.Version, Model = activated.ModelPath }, w =>
        {
            w.WriteLine($"active: {activated.Version}");
            w.WriteLine($"model: {activated.ModelPath}");
        });
        return ExitCodes.Success;
    }
}
