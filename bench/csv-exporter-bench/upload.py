#!/usr/bin/env python3
"""Uploads every file of a folder to s3://<bucket>/<prefix><name> (benchmark setup, not measured)."""
import os
import sys
from concurrent.futures import ThreadPoolExecutor

import boto3

folder, bucket, prefix = sys.argv[1:4]
s3 = boto3.client("s3", endpoint_url=os.environ.get("AWS_ENDPOINT_URL"))
for b in (bucket, "downstream"):
    try:
        s3.create_bucket(Bucket=b)
    except Exception:  # already there
        pass
names = sorted(os.listdir(folder))
with ThreadPoolExecutor(4) as pool:
    list(pool.map(lambda n: s3.upload_file(os.path.join(folder, n), bucket, prefix + n), names))
print(f"uploaded {len(names)} parts")
