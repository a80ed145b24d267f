using BlindSpot.Hosting.Composition;
using BlindSpot.Storage;
using Microsoft.Extensions.Options;

namespace BlindSpot.Jobs.Configuration;

/// <summary>Fails the host at start with <see cref="JobsOptions.Validate"/>'s sentence, or when districts are served from a store that cannot hold them.</summary>
internal sealed class JobsOptionsValidator(IOptions<BlindSpotOptions> store) : IValidateOptions<JobsOptions>
{
    public ValidateOptionsResult Validate(string? name, JobsOptions options) =>
        options.Validate() is { } error ? ValidateOptionsResult.Fail(error)
        // A district's database is created on the national store's PostgreSQL server (DistrictDatabases): a SQLite file has none.
        : options.National && !StoreFactory.IsPostgres(store.Value.Db)
            ? ValidateOptionsResult.Fail($"{JobsOptions.Section}:{nameof(JobsOptions.Districts)}는 PostgreSQL 저장소(BlindSpot:Db)에서만 쓸 수 있습니다: 구마다 그 서버에 데이터베이스가 하나씩 있습니다.")
        : ValidateOptionsResult.Success;
}
