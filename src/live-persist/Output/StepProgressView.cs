using LivePersist.Linux.Lifecycle;
using Spectre.Console;

namespace LivePersist.Cli.Output;

/// <summary>Shows a long operation's steps: a progress bar on a terminal, one line a step otherwise.</summary>
internal static class StepProgressView
{
    public static T Run<T>(CliContext context, string title, Func<IProgress<StepProgress>, T> operation)
    {
        if (context.Json || Console.IsErrorRedirected)
        {
            return operation(new Progress(step => Console.Error.WriteLine($"[{step.Step}/{step.Total}] {step.Description}")));
        }

        IAnsiConsole console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        T result = default!;
        console.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn())
            .Start(progress =>
            {
                ProgressTask task = progress.AddTask(title);
                result = operation(new Progress(step =>
                {
                    task.MaxValue = step.Total;
                    task.Value = step.Step - 1;
                    task.Description = $"{title}: {step.Description}";
                }));
                task.Value = task.MaxValue;
            });
        return result;
    }

    /// <summary>Reports synchronously (System.Progress would post to the thread pool, out of order).</summary>
    private sealed class Progress(Action<StepProgress> report) : IProgress<StepProgress>
    {
        public void Report(StepProgress value) => report(value);
    }
}
