using System.Collections.Concurrent;
using Spectre.Console;

namespace LivePersist.Cli.Output;

/// <summary>
/// Shows the percentage of a long operation: a progress bar on a terminal, otherwise one line each time what it
/// does changes. The bar appears with the first report, so the operation can ask for a passphrase first.
/// </summary>
internal static class PercentProgressView
{
    public static T Run<T>(CliContext context, string title, Func<IProgress<PercentProgress>, T> operation)
    {
        if (context.Json || Console.IsErrorRedirected)
        {
            string? last = null;
            return operation(new Progress(report =>
            {
                if (report.Description != last)
                {
                    last = report.Description;
                    Console.Error.WriteLine($"{report.Percent,3:0}% {report.Description}");
                }
            }));
        }

        using BlockingCollection<PercentProgress> reports = [];
        Task<T> work = Task.Run(() =>
        {
            try
            {
                return operation(new Progress(reports.Add));
            }
            finally
            {
                reports.CompleteAdding();
            }
        });

        if (reports.TryTake(out PercentProgress first, Timeout.Infinite))
        {
            IAnsiConsole console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
            console.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn())
                .Start(progress =>
                {
                    ProgressTask task = progress.AddTask(title, maxValue: 100);
                    Show(task, title, first);
                    foreach (PercentProgress report in reports.GetConsumingEnumerable())
                    {
                        Show(task, title, report);
                    }
                });
        }

        return work.GetAwaiter().GetResult();
    }

    private static void Show(ProgressTask task, string title, PercentProgress report)
    {
        task.Value = report.Percent;
        task.Description = $"{title}: {Markup.Escape(report.Description)}";
    }

    /// <summary>Reports synchronously (System.Progress would post to the thread pool, out of order).</summary>
    private sealed class Progress(Action<PercentProgress> report) : IProgress<PercentProgress>
    {
        public void Report(PercentProgress value) => report(value);
    }
}
