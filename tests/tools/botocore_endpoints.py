#!/usr/bin/env python3
"""Prints, as JSON, where botocore's endpoint rules send IAM, STS and SSM for every Region of every partition.

For each Region in botocore's partitions.json (except the "*-global" names, which are endpoint aliases, not
Regions a user works in) and FIPS off and on: the endpoint URL and the SigV4 signing Region (the rules name one
for global services such as IAM; where they name none, the Region itself is signed for). The tests compare the
module's own resolution with this table.
"""
import json

from botocore.endpoint_provider import EndpointProvider
from botocore.loaders import create_loader


def main():
    loader = create_loader()
    partitions = loader.load_data("partitions")
    table = []
    for service in ("iam", "sts", "ssm"):
        provider = EndpointProvider(loader.load_service_model(service, "endpoint-rule-set-1"), partitions)
        for partition in partitions["partitions"]:
            for region in partition["regions"]:
                if region.endswith("-global"):
                    continue
                for fips in (False, True):
                    endpoint = provider.resolve_endpoint(Region=region, UseFIPS=fips, UseDualStack=False)
                    schemes = endpoint.properties.get("authSchemes") or [{}]
                    table.append({"service": service, "partition": partition["id"], "region": region, "fips": fips,
                                  "url": endpoint.url, "signingRegion": schemes[0].get("signingRegion") or region})
    print(json.dumps(table))


if __name__ == "__main__":
    main()
