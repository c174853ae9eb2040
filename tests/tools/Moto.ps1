# Starts and stops moto_server, the local IAM/STS endpoint the tests and the demo run against.

function Get-FreeLoopbackPort {
    $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
    $listener.Start()
    try { return $listener.LocalEndpoint.Port } finally { $listener.Stop() }
}

function Start-Moto {
    [CmdletBinding()]
    param([int] $TimeoutSeconds = 60)

    $server = Get-Command moto_server -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1
    if (-not $server) { throw 'moto_server is not on PATH (pip install "moto[server]").' }
    $port = Get-FreeLoopbackPort
    $log = Join-Path ([System.IO.Path]::GetTempPath()) "moto-$port.log"
    $start = [System.Diagnostics.ProcessStartInfo]::new($server.Source, "-H 127.0.0.1 -p $port")
    $start.UseShellExecute = $false
    $start.RedirectStandardOutput = $true
    $start.RedirectStandardError = $true
    # AWS managed policies (AmazonSSMManagedInstanceCore and the rest) exist only with this set.
    $start.Environment['MOTO_IAM_LOAD_MANAGED_POLICIES'] = 'true'
    $process = [System.Diagnostics.Process]::Start($start)
    $process.BeginOutputReadLine()
    $process.BeginErrorReadLine()

    $url = "http://127.0.0.1:$port"
    $deadline = [DateTime]::UtcNow.AddSeconds($TimeoutSeconds)
    while ([DateTime]::UtcNow -lt $deadline) {
        if ($process.HasExited) { throw "moto_server exited at start (code $($process.ExitCode))." }
        try {
            $null = Invoke-WebRequest -Uri "$url/moto-api/" -UseBasicParsing -TimeoutSec 2
            Write-Host "moto_server is up at $url (pid $($process.Id))"
            return [pscustomobject]@{ Url = $url; Port = $port; Process = $process }
        }
        catch { Start-Sleep -Milliseconds 250 }
    }

    Stop-Moto ([pscustomobject]@{ Process = $process })
    throw "moto_server did not answer on $url within $TimeoutSeconds s."
}

function Stop-Moto {
    param($Moto)
    if ($Moto -and $Moto.Process -and -not $Moto.Process.HasExited) {
        $Moto.Process.Kill($true)
        $Moto.Process.WaitForExit(5000) | Out-Null
    }
}
