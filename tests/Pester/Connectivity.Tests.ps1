BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    # Loopback TLS endpoints with a test CA of their own (tests/tools/tls_endpoint.py). The checks run in fresh
    # pwsh processes that trust that CA through SSL_CERT_FILE, as a server whose trusted roots hold it would.
    $folder = (New-TestFolder 'tls').FullName
    $portFile = Join-Path $folder 'ports.json'
    $python = (Get-Command python3 -CommandType Application | Select-Object -First 1).Source
    $script:Tls = Start-Process -FilePath $python -ArgumentList @((Join-Path $RepoRoot 'tests/tools/tls_endpoint.py'), '--dir', $folder, '--port-file', $portFile) -PassThru
    $deadline = [DateTime]::UtcNow.AddSeconds(30)
    while (-not (Test-Path $portFile)) {
        if ($Tls.HasExited -or [DateTime]::UtcNow -gt $deadline) { throw 'tls_endpoint.py did not start.' }
        Start-Sleep -Milliseconds 100
    }
    $script:Setup = Get-Content -Raw $portFile | ConvertFrom-Json
    $script:Port = $Setup.ports

    # Endpoints in place of the Region's own: every one at the 'ok' endpoint, but for those named.
    function Get-Endpoints([hashtable] $Instead = @{}) {
        $all = @{}
        foreach ($name in 'ssm', 'ssmmessages', 'ec2messages', 's3') { $all[$name] = "https://localhost:$($Port.ok)" }
        foreach ($name in $Instead.Keys) { $all[$name] = $Instead[$name] }
        "@{ " + (($all.GetEnumerator() | ForEach-Object { "$($_.Key) = '$($_.Value)'" }) -join '; ') + " }"
    }

    # Runs several checks in one fresh pwsh: each scenario is the parameters of one Test-SsmHybridConnectivity.
    function Invoke-Checks([hashtable] $Scenarios, [hashtable] $Environment = @{}) {
        $lines = foreach ($name in $Scenarios.Keys) {
            $region = if ($Scenarios[$name] -match '-Region') { '' } else { '-Region us-east-2' }
            "`$results['$name'] = try { Test-SsmHybridConnectivity $region $($Scenarios[$name]) -ErrorAction Stop } catch { [pscustomobject]@{ ErrorId = `$_.FullyQualifiedErrorId; Message = `$_.Exception.Message } }"
        }
        $command = "Import-Module '$ModulePath'; `$results = @{}`n" + ($lines -join "`n") + "`n`$results | ConvertTo-Json -Depth 6 -Compress"
        $output = Invoke-FreshPwsh $command $Environment
        ($output | Select-Object -Last 1) | ConvertFrom-Json
    }

    function Get-Finding($Result, [string] $Endpoint, [string] $Check) { $Result.Findings | Where-Object { $_.Endpoint -eq $Endpoint -and $_.Check -eq $Check } }

    $trusted = @{ SSL_CERT_FILE = $Setup.ca; HTTPS_PROXY = $null; ALL_PROXY = $null }
    $script:Results = Invoke-Checks -Environment $trusted -Scenarios @{
        ok        = "-NoProxy -Endpoint $(Get-Endpoints)"
        expired   = "-NoProxy -Endpoint $(Get-Endpoints @{ ssm = "https://localhost:$($Port.expired)" })"
        wronghost = "-NoProxy -Endpoint $(Get-Endpoints @{ ssmmessages = "https://localhost:$($Port.wronghost)" })"
        refused   = "-NoProxy -Endpoint $(Get-Endpoints @{ ec2messages = "https://localhost:$($Port.refused)" })"
        slow      = "-NoProxy -TimeoutSec 2 -Endpoint $(Get-Endpoints @{ ssm = "https://localhost:$($Port.slow)" })"
        skew      = "-NoProxy -Endpoint @{ ssm = 'https://localhost:$($Port.skew)'; ssmmessages = 'https://localhost:$($Port.skew)'; ec2messages = 'https://localhost:$($Port.skew)'; s3 = 'https://localhost:$($Port.skew)' }"
        noaws     = "-NoProxy -Endpoint $(Get-Endpoints @{ s3 = "https://localhost:$($Port.noaws)" })"
        nodns     = "-NoProxy -TimeoutSec 5 -Endpoint $(Get-Endpoints @{ ssm = 'https://no-such-endpoint.invalid' })"
        proxy     = "-ProxyUri http://127.0.0.1:$($Port.proxy)"
        proxy407  = "-ProxyUri http://127.0.0.1:$($Port.authproxy)"
        proxyauth = "-ProxyUri http://user:secret@127.0.0.1:$($Port.authproxy)"
        badname   = "-Endpoint @{ agent = 'https://localhost' }"
        badurl    = "-Endpoint @{ ssm = 'http://localhost:$($Port.ok)' }"
        badproxy  = "-ProxyUri https://127.0.0.1:$($Port.proxy)"
        badregion = "-Region 'us east 2'"
        badtime   = "-TimeoutSec 0"
    }
}

AfterAll {
    if ($Tls -and -not $Tls.HasExited) { $Tls.Kill() }
}

Describe 'Test-SsmHybridConnectivity' {
    It 'passes when every endpoint resolves, connects, shows a trusted certificate and answers, and the clock agrees' {
        $r = $Results.ok

        $r.Passed | Should -BeTrue
        $r.Proxy | Should -BeNullOrEmpty
        $endpoints = $r.Findings.Endpoint | Select-Object -Unique
        $endpoints | Should -Contain 'ssm'
        $endpoints | Should -Contain 'ssmmessages'
        $endpoints | Should -Contain 'ec2messages'
        $endpoints | Should -Contain 's3 amazon-ssm-us-east-2'
        $endpoints | Should -Contain 's3 us-east-2-birdwatcher-prod'
        (Get-Finding $r 'ssm' 'Dns').Message | Should -Match 'resolves to 127\.0\.0\.1'
        (Get-Finding $r 'ssm' 'Tls').Message | Should -Match "certificate 'localhost' from 'SsmHybridRole Test CA'"
        (Get-Finding $r 'ssm' 'Https').Status | Should -Be 'Pass'
        (Get-Finding $r 'clock' 'Clock').Status | Should -Be 'Pass'
        @($r.Findings | Where-Object Status -ne 'Pass') | Should -BeNullOrEmpty
    }

    It 'fails an expired certificate, naming its dates and the clock' {
        $f = Get-Finding $Results.expired 'ssm' 'Tls'

        $Results.expired.Passed | Should -BeFalse
        $f.Status | Should -Be 'Fail'
        $f.Message | Should -Match 'valid from .* to .* UTC, and this server''s clock says'
        $f.Remedy | Should -Match 'clock'
        Get-Finding $Results.expired 'ssm' 'Https' | Should -BeNullOrEmpty -Because 'a failed step ends that endpoint''s check'
        (Get-Finding $Results.expired 'ssmmessages' 'Https').Status | Should -Be 'Pass'
    }

    It 'fails a certificate for another host name' {
        $f = Get-Finding $Results.wronghost 'ssmmessages' 'Tls'

        $f.Status | Should -Be 'Fail'
        $f.Message | Should -Match "certificate 'wrong.example.test'.*it is not issued for localhost"
        $f.Remedy | Should -Match 'answers in place of localhost'
    }

    It 'fails a refused port at the TCP step, with the firewall remedy' {
        $f = Get-Finding $Results.refused 'ec2messages' 'Tcp'

        $f.Status | Should -Be 'Fail'
        $f.Message | Should -Match "port $($Port.refused): ConnectionRefused"
        $f.Remedy | Should -Match 'Allow outbound TCP'
        $f.Remedy | Should -Match '-ProxyUri' -Because 'remedies name parameters in PowerShell''s syntax'
    }

    It 'fails an endpoint that never answers, after -TimeoutSec' {
        $f = Get-Finding $Results.slow 'ssm' 'Https'

        (Get-Finding $Results.slow 'ssm' 'Tls').Status | Should -Be 'Pass'
        $f.Status | Should -Be 'Fail'
        $f.Message | Should -Match 'gave no HTTPS answer: no answer within 2 s'
    }

    It 'fails a clock more than five minutes off AWS''s Date' {
        $f = Get-Finding $Results.skew 'clock' 'Clock'

        $Results.skew.Passed | Should -BeFalse
        $f.Status | Should -Be 'Fail'
        $f.Message | Should -Match '^This server''s clock is (59[0-9]|60[0-9]) s behind AWS''s'
        $Results.skew.ClockSkew.TotalSeconds | Should -BeLessThan -590
        $f.Remedy | Should -Match 'w32tm /resync'
    }

    It 'warns when something other than AWS answers' {
        $f = Get-Finding $Results.noaws 's3 amazon-ssm-us-east-2' 'Https'

        $f.Status | Should -Be 'Warning'
        $f.Message | Should -Match 'without the request id every AWS answer carries'
        $Results.noaws.Passed | Should -BeTrue -Because 'a warning does not fail the check'
    }

    It 'fails a name that does not resolve' {
        $f = Get-Finding $Results.nodns 'ssm' 'Dns'

        $f.Status | Should -Be 'Fail'
        $f.Message | Should -Match 'no-such-endpoint.invalid does not resolve'
    }

    It 'goes through a proxy with CONNECT, to the Region''s real names, which the proxy resolves' {
        $r = $Results.proxy
        $connects = @(Invoke-RestMethod "http://127.0.0.1:$($Port.proxy)/__log" | ForEach-Object { $_ })

        $r.Passed | Should -BeTrue
        $r.Proxy | Should -Be "http://127.0.0.1:$($Port.proxy)"
        (Get-Finding $r 'ssm' 'Proxy').Message | Should -Be "Proxy http://127.0.0.1:$($Port.proxy) opened a tunnel to ssm.us-east-2.amazonaws.com:443."
        $connects.target | Should -Contain 'ssm.us-east-2.amazonaws.com:443'
        $connects.target | Should -Contain 'ec2messages.us-east-2.amazonaws.com:443'
        $connects.target | Should -Contain 'amazon-ssm-us-east-2.s3.us-east-2.amazonaws.com:443'
        (Get-Finding $r 's3 amazon-ssm-us-east-2' 'Tls').Status | Should -Be 'Pass'
    }

    It 'fails a proxy that wants credentials, passes with them, and never shows the password' {
        $f = Get-Finding $Results.proxy407 'ssm' 'Proxy'

        $f.Status | Should -Be 'Fail'
        $f.Message | Should -Match '407 Proxy Authentication Required'
        $f.Remedy | Should -Match 'http://user:password@host:port'
        $Results.proxyauth.Passed | Should -BeTrue
        $Results.proxyauth | ConvertTo-Json -Depth 6 | Should -Not -Match 'secret'
    }

    It 'refuses bad input before any connection: <Name>' -ForEach @(
        @{ Name = 'badname'; Id = 'InvalidEndpointOverride' }
        @{ Name = 'badurl'; Id = 'InvalidEndpointOverride' }
        @{ Name = 'badproxy'; Id = 'InvalidProxyUri' }
        @{ Name = 'badregion'; Id = 'InvalidRegion' }
        @{ Name = 'badtime'; Id = 'InvalidTimeout' }
    ) {
        $Results.$Name.ErrorId | Should -Be "$Id,SsmHybridRole.Commands.TestSsmHybridConnectivityCommand"
    }
}

Describe 'Test-SsmHybridConnectivity and the system' {
    It 'honours the system proxy (HTTPS_PROXY), and -NoProxy goes direct; an untrusted root fails' {
        $before = @(Invoke-RestMethod "http://127.0.0.1:$($Port.proxy)/__log" | ForEach-Object { $_ }).Count
        $results = Invoke-Checks -Environment @{ HTTPS_PROXY = "http://127.0.0.1:$($Port.proxy)"; SSL_CERT_FILE = $null } -Scenarios @{
            system    = ''
            direct    = "-NoProxy -Endpoint $(Get-Endpoints)"
        }

        $results.system.Proxy | Should -Be "http://127.0.0.1:$($Port.proxy)"
        @(Invoke-RestMethod "http://127.0.0.1:$($Port.proxy)/__log" | ForEach-Object { $_ }).Count | Should -BeGreaterThan $before
        $results.direct.Proxy | Should -BeNullOrEmpty
        $tls = Get-Finding $results.direct 'ssm' 'Tls'
        $tls.Status | Should -Be 'Fail'
        $tls.Message | Should -Match 'does not end at a root this server trusts'
        $tls.Remedy | Should -Match 'root certificate'
    }

    It 'returns only $true or $false with -Quiet, and needs no credentials' {
        $output = Invoke-FreshPwsh "Import-Module '$ModulePath'; Test-SsmHybridConnectivity -Region us-east-2 -NoProxy -Quiet -Endpoint $(Get-Endpoints)" @{ SSL_CERT_FILE = $Setup.ca; AWS_ACCESS_KEY_ID = $null; AWS_SECRET_ACCESS_KEY = $null }

        $output | Should -Be 'True'
    }
}
