return await BlindSpot.Cli.CliApp.RunAsync(args, Console.Out, Console.Error);
