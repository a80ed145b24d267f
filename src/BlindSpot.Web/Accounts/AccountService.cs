using System.Text.RegularExpressions;
using BlindSpot.Core.Accounts;
using BlindSpot.Core.Contract;
using BlindSpot.Core.Storage;
using BlindSpot.Core.Time;
using Microsoft.AspNetCore.Identity;

namespace BlindSpot.Web.Accounts;

/// <summary>What a sign-in attempt came to.</summary>
public enum SignInOutcome { Succeeded, WrongPassword, LockedOut, Disabled }

public sealed record SignInResult(SignInOutcome Outcome, Account? Account);

/// <summary>
/// Local accounts: creation with the rules below, passwords hashed by ASP.NET Core's PasswordHasher (PBKDF2, salted),
/// sign-in with lockout after <see cref="MaxFailures"/> failures in a row for <see cref="LockoutMinutes"/> minutes.
/// The CLI's `users` commands and the web's sign-in both use this class. There are no default accounts.
/// </summary>
public sealed partial class AccountService(IAccountStore store, TimeProvider clock)
{
    public const int MaxFailures = 5;
    public const int LockoutMinutes = 15;
    public const int MinPasswordLength = 10;

    static readonly PasswordHasher<Account> Hasher = new();
    /// <summary>Verified against when the username is unknown, so an unknown name takes as long as a wrong password.</summary>
    static readonly string DummyHash = Hasher.HashPassword(null!, "no such account: constant-time filler");

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]{2,31}$")]
    private static partial Regex UsernamePattern();

    /// <summary>Null when the account can be created, else what is wrong, as one Korean line for the clerk.</summary>
    public static string? Validate(string username, Role role, string? dong, string password)
    {
        if (!UsernamePattern().IsMatch(username)) return "사용자 이름은 영문 소문자, 숫자, . _ - 로 3~32자여야 합니다.";
        if (role == Role.Dong && Dongs.Normalize(dong) is null) return $"동 계정은 --dong 으로 18개 행정동 중 하나를 지정해야 합니다 ({string.Join(", ", Dongs.All)}).";
        if (role != Role.Dong && !string.IsNullOrWhiteSpace(dong)) return "--dong 은 동(dong) 역할 계정에만 지정합니다.";
        if (password.Length < MinPasswordLength) return $"비밀번호는 {MinPasswordLength}자 이상이어야 합니다.";
        if (string.Equals(password, username, StringComparison.OrdinalIgnoreCase)) return "비밀번호가 사용자 이름과 같으면 안 됩니다.";
        return null;
    }

    /// <summary>Creates the account; null on success, else the reason (one Korean line).</summary>
    public async Task<string?> AddAsync(string username, Role role, string? dong, string password, CancellationToken ct)
    {
        username = username.Trim().ToLowerInvariant();
        if (Validate(username, role, dong, password) is { } invalid) return invalid;
        var account = new Account(username, role, role == Role.Dong ? Dongs.Normalize(dong) : null, "", false, 0, null, Kst.Now(clock));
        account = account with { PasswordHash = Hasher.HashPassword(account, password) };
        return await store.AddAccountAsync(account, ct) ? null : $"이미 있는 사용자 이름입니다: {username}";
    }

    public async Task<SignInResult> SignInAsync(string username, string password, CancellationToken ct)
    {
        var name = username.Trim().ToLowerInvariant();
        var account = name.Length is > 0 and <= 64 ? await store.FindAccountAsync(name, ct) : null;
        if (account is null)
        {
            Hasher.VerifyHashedPassword(null!, DummyHash, password);
            return new SignInResult(SignInOutcome.WrongPassword, null);
        }
        var now = Kst.Now(clock);
        if (account.LockedUntil is { } until && until > now) return new SignInResult(SignInOutcome.LockedOut, account);

        var verified = Hasher.VerifyHashedPassword(account, account.PasswordHash, password);
        if (verified == PasswordVerificationResult.Failed)
        {
            var failures = account.FailedSignIns + 1;
            DateTime? lockedUntil = failures >= MaxFailures ? now.AddMinutes(LockoutMinutes) : null;
            // A lockout starts the count again, so the next window allows MaxFailures tries.
            await store.UpdateSignInStateAsync(account.Username, lockedUntil is null ? failures : 0, lockedUntil, ct);
            return new SignInResult(lockedUntil is null ? SignInOutcome.WrongPassword : SignInOutcome.LockedOut, account);
        }
        if (account.Disabled) return new SignInResult(SignInOutcome.Disabled, account);
        if (account.FailedSignIns > 0 || account.LockedUntil is not null) await store.UpdateSignInStateAsync(account.Username, 0, null, ct);
        return new SignInResult(SignInOutcome.Succeeded, account);
    }
}
