import { filesBackend } from "./backend.ts";
import { memoryBackendContract } from "../dev/testing/memoryContract.ts";
import { tempDataDir } from "../dev/testing/memoryStore.ts";

memoryBackendContract("files under the data folder", async () => {
  const { dataDir, cleanup } = await tempDataDir();
  return { dataDir, backend: () => filesBackend(dataDir), cleanup };
});
