// The Node peer of the benchmark: the AWS procedure (custom S3 policy, role, four attachments) and a bulk
// run, with @aws-sdk/client-iam against the same local endpoint. Prints one JSON line of timings (ms).
import { IAMClient, CreatePolicyCommand, CreateRoleCommand, AttachRolePolicyCommand } from "@aws-sdk/client-iam";

const [mode, endpoint, prefix, countText, concurrencyText] = process.argv.slice(2);
const started = performance.now();
const iam = new IAMClient({ endpoint, region: "us-east-2", credentials: { accessKeyId: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "bench" } });
const account = "123456789012";
const trust = JSON.stringify({
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Principal: { Service: "ssm.amazonaws.com" }, Action: "sts:AssumeRole",
    Condition: { StringEquals: { "aws:SourceAccount": account }, ArnEquals: { "aws:SourceArn": `arn:aws:ssm:us-east-2:${account}:*` } } }],
});
const s3Document = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: ["s3:GetObject", "s3:PutObject"], Resource: ["arn:aws:s3:::bench-output/*"] }] });
const aws = (name) => `arn:aws:iam::aws:policy/${name}`;

async function workflow(name) {
  const policy = await iam.send(new CreatePolicyCommand({ PolicyName: `${name}-s3`, PolicyDocument: s3Document }));
  await iam.send(new CreateRoleCommand({ RoleName: name, AssumeRolePolicyDocument: trust }));
  for (const arn of [aws("AmazonSSMManagedInstanceCore"), policy.Policy.Arn, aws("AmazonSSMDirectoryServiceAccess"), aws("CloudWatchAgentServerPolicy")]) {
    await iam.send(new AttachRolePolicyCommand({ RoleName: name, PolicyArn: arn }));
  }
}

async function bulkRole(name) {
  await iam.send(new CreateRoleCommand({ RoleName: name, AssumeRolePolicyDocument: trust }));
  await iam.send(new AttachRolePolicyCommand({ RoleName: name, PolicyArn: aws("AmazonSSMManagedInstanceCore") }));
}

const count = Number(countText);
if (mode === "workflow") {
  const times = [];
  for (let i = 0; i < count; i++) {
    const t = performance.now();
    await workflow(`${prefix}-${i}`);
    times.push(performance.now() - t);
  }
  console.log(JSON.stringify({ times, processMs: performance.now() - started }));
} else if (mode === "bulk") {
  const concurrency = Number(concurrencyText);
  const names = Array.from({ length: count }, (_, i) => `${prefix}-${i}`);
  const t = performance.now();
  let next = 0;
  await Promise.all(Array.from({ length: concurrency }, async () => { while (next < names.length) { await bulkRole(names[next++]); } }));
  console.log(JSON.stringify({ totalMs: performance.now() - t }));
}
