using Microsoft.Extensions.Options;

namespace BlindSpot.Jobs.Configuration;

/// <summary>Fails the host at start with <see cref="JobsOptions.Validate"/>'s sentence.</summary>
internal sealed class JobsOptionsValidator : IValidateOptions<JobsOptions>
{
    public ValidateOptionsResult Validate(string? name, JobsOptions options) =>
        options.Validate() is { } error ? ValidateOptionsResult.Fail(error) : ValidateOptionsResult.Success;
}
