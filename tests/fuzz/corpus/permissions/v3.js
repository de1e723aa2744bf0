const { S3Client, GetObjectCommand } = require("@aws-sdk/client-s3");
const AWS = require("aws-sdk");
const client = new S3Client({});
const ddb = new AWS.DynamoDB.DocumentClient();
const params = { TableName: process.env.TABLE, Key: { id: 1 } };
module.exports = { client };
exports.handler = async () => { await client.send(new GetObjectCommand({ Bucket: "b", Key: "k" })); return ddb.get(params).promise(); };
