#!/usr/bin/env python3
"""The seed's Glue job (shared/seed/000_1f8c740f0a7b0e81.txt, steps 3-5), ported line for line as the benchmark's
baseline: one list_objects_v2 call, each part downloaded and gunzipped line by line into a temp file, then one
single-threaded upload. Only the bucket/prefix/key arguments and the endpoint are parameters here.

usage: glue_port.py <source-bucket> <source-prefix> <sink-bucket> <sink-key>   (AWS_* environment as usual)
"""
import gzip
import os
import sys
import tempfile

import boto3
import boto3.s3.transfer


def handler(source_s3_bucket, source_s3_prefix, sink_s3_bucket, sink_s3_key):
    s3 = boto3.client("s3", endpoint_url=os.environ.get("AWS_ENDPOINT_URL"))
    response = s3.list_objects_v2(Bucket=source_s3_bucket, Prefix=source_s3_prefix)
    object_list = [obj["Key"] for obj in response["Contents"]]
    temp_sink = tempfile.NamedTemporaryFile(delete=False)
    # 4. For each file in the S3 path, download them and append to temp file
    for obj_key in object_list:
        obj = s3.get_object(Bucket=source_s3_bucket, Key=obj_key)
        gzip_obj = gzip.GzipFile(fileobj=obj["Body"])
        for line in gzip_obj:
            temp_sink.write(line)
    temp_sink.close()  # need to be closed before boto3 can read it
    # 5. Upload the file as a single CSV
    s3.upload_file(
        Filename=temp_sink.name,
        Bucket=sink_s3_bucket,
        Key=sink_s3_key,
        Config=boto3.s3.transfer.TransferConfig(use_threads=False),
    )
    os.remove(temp_sink.name)


if __name__ == "__main__":
    handler(*sys.argv[1:5])
