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

# A recording proxy in front of moto (iam_proxy.py): tests read back which requests were sent.
function Start-IamProxy {
    [CmdletBinding()]
    param([Parameter(Mandatory)] [string] $Upstream)

    $python = (Get-Command python3 -CommandType Application -ErrorAction Stop | Select-Object -First 1).Source
    $portFile = [System.IO.Path]::GetTempFileName()
    Remove-Item $portFile
    $script = Join-Path $PSScriptRoot 'iam_proxy.py'
    $start = [System.Diagnostics.ProcessStartInfo]::new($python, "`"$script`" --upstream $Upstream --port-file `"$portFile`"")
    $start.UseShellExecute = $false
    $process = [System.Diagnostics.Process]::Start($start)
    $deadline = [DateTime]::UtcNow.AddSeconds(15)
    while (-not (Test-Path $portFile) -or -not (Get-Content -Raw $portFile)) {
        if ($process.HasExited -or [DateTime]::UtcNow -gt $deadline) { throw 'The IAM recording proxy did not start.' }
        Start-Sleep -Milliseconds 50
    }
    $port = [int](Get-Content -Raw $portFile)
    Remove-Item $portFile
    [pscustomobject]@{ Url = "http://127.0.0.1:$port"; Process = $process }
}

function Stop-IamProxy {
    param($Proxy)
    if ($Proxy -and -not $Proxy.Process.HasExited) { $Proxy.Process.Kill(); $Proxy.Process.WaitForExit(5000) | Out-Null }
}

function Get-IamProxyLog {
    param([Parameter(Mandatory)] $Proxy)
    # Invoke-RestMethod emits a JSON array as one object: unroll it into one record per request.
    @((Invoke-RestMethod -Uri "$($Proxy.Url)/__proxy/log") | ForEach-Object { $_ })
}

function Reset-IamProxyLog {
    param([Parameter(Mandatory)] $Proxy)
    $null = Invoke-RestMethod -Method Post -Uri "$($Proxy.Url)/__proxy/reset"
}

# Lets the requests a 'gate' rule holds go on, e.g. after Add-IamProxyFault $Proxy @{ action = 'CreateRole'; fault = 'gate'; gate = 'race' }.
function Open-IamProxyGate {
    param([Parameter(Mandatory)] $Proxy, [Parameter(Mandatory)] [string] $Gate)
    $null = Invoke-RestMethod -Method Post -Uri "$($Proxy.Url)/__proxy/open" -Body (@{ gate = $Gate } | ConvertTo-Json) -ContentType 'application/json'
}

# Adds fault rules to the proxy, e.g. @{ action = 'CreateRole'; fault = 'throttle'; times = 2 }.
function Add-IamProxyFault {
    param([Parameter(Mandatory)] $Proxy, [Parameter(Mandatory)] [hashtable[]] $Rule)
    $body = @{ rules = $Rule } | ConvertTo-Json -Depth 4
    $null = Invoke-RestMethod -Method Post -Uri "$($Proxy.Url)/__proxy/faults" -Body $body -ContentType 'application/json'
}
