<#
.SYNOPSIS
Builds, tests, benchmarks or runs ArcActors from the repository root.

.DESCRIPTION
Runs one task through the .NET SDK and stops at the first dotnet command that fails, exiting
with that command's exit code. The dotnet commands run in the script's folder, the repository
root, whatever the current directory is. From the repository root, run the script with the
PowerShell local tool pinned in .config/dotnet-tools.json:

    dotnet tool restore
    dotnet pwsh ./build.ps1 <task> [arguments...]

Tasks:
  build     dotnet build ArcActors.sln -c Release
  test      dotnet test ArcActors.sln --logger "console;verbosity=normal", with the Debug
            configuration and console output of .ci/run (CI also writes TRX files to count tests)
  bench     dotnet run -c Release --project bench/ArcActors.Bench -- <arguments>
  up        dotnet run --project src/ArcActors.Node -- up <arguments>
  simulate  dotnet run --project src/ArcActors.Node -- simulate <arguments>

Arguments after the task name are appended to the dotnet command: after `--` for bench, up and
simulate, so the program receives them, and as extra dotnet options for build and test.

.PARAMETER Task
The task to run: build (the default), test, bench, up or simulate.

.PARAMETER Rest
Arguments appended to the task's dotnet command. From bash, write them after the task name.
From PowerShell, pass an array with -Rest when an argument would otherwise bind to this script,
such as `--` or an abbreviation of -Task or -Rest (`-t`, `-r`).

.EXAMPLE
dotnet pwsh ./build.ps1
Builds the solution in the Release configuration.

.EXAMPLE
dotnet pwsh ./build.ps1 test --filter "FullyQualifiedName~Billing"
Runs the tests whose full name contains "Billing".

.EXAMPLE
dotnet pwsh ./build.ps1 simulate --fleet fleet.yaml --hours 24 --out out/sim
Simulates a fleet for 24 hours of virtual time and writes the results to out/sim.

.EXAMPLE
./build.ps1 up -Rest '--data', 'data/trial'
From a PowerShell prompt: starts the embedded node with its data in data/trial.
#>
param(
    [ValidateSet('build', 'test', 'bench', 'up', 'simulate')]
    [string] $Task = 'build',

    [string[]] $Rest = @()
)

Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'

# Failures of native commands are handled through $LASTEXITCODE below, not as errors.
$PSNativeCommandUseErrorActionPreference = $false

# Unix shells pass arguments such as --fleet as separate tokens that do not bind to -Rest, so
# PowerShell collects them in $args. Both lists go to dotnet, -Rest first.
$taskArguments = @($Rest) + @($args)

function Format-CommandLine {
    param([string[]] $Arguments)

    $quoted = foreach ($argument in $Arguments) {
        if ($argument -match '[\s;"''|&<>]' -or $argument -eq '') {
            "'" + ($argument -replace "'", "'\''") + "'"
        }
        else {
            $argument
        }
    }

    return ($quoted -join ' ')
}

# Runs dotnet with the given arguments and exits the script with dotnet's exit code if it fails.
function Invoke-Dotnet {
    param([string[]] $Arguments)

    Write-Host "build.ps1 ${Task}: dotnet $(Format-CommandLine $Arguments)"

    & dotnet @Arguments
    $exitCode = $LASTEXITCODE

    if ($exitCode -ne 0) {
        [Console]::Error.WriteLine("build.ps1 ${Task}: dotnet failed with exit code $exitCode")
        exit $exitCode
    }
}

$dotnetArguments = switch ($Task) {
    'build' {
        @('build', 'ArcActors.sln', '-c', 'Release') + $taskArguments
    }
    'test' {
        @('test', 'ArcActors.sln', '--logger', 'console;verbosity=normal') + $taskArguments
    }
    'bench' {
        @('run', '-c', 'Release', '--project', 'bench/ArcActors.Bench', '--') + $taskArguments
    }
    'up' {
        @('run', '--project', 'src/ArcActors.Node', '--', 'up') + $taskArguments
    }
    'simulate' {
        @('run', '--project', 'src/ArcActors.Node', '--', 'simulate') + $taskArguments
    }
}

Write-Host "build.ps1: running task '$Task'"

Push-Location -LiteralPath $PSScriptRoot
try {
    Invoke-Dotnet $dotnetArguments
}
finally {
    Pop-Location
}

Write-Host "build.ps1: task '$Task' succeeded"
