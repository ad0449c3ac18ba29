using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using AnimationTools.Core.Errors;
using AnimationTools.Core.Http;
using AnimationTools.Core.Transfer;
using Flurl.Http;

namespace AnimationTools.DeepMotion.Characters
{
    /// <summary>Custom character models (contract §10): signed upload URLs, store, list, delete.</summary>
    sealed class CharacterModelClient
    {
        public static readonly string[] ModelExtensions = { "fbx", "glb", "gltf", "vrm" };
        public static readonly string[] ThumbnailExtensions = { "png", "jpg", "jpeg" };

        readonly DeepMotionSession _session;

        public CharacterModelClient(DeepMotionSession session)
        {
            _session = session;
        }

        HttpPipeline Http => _session.Http;

        /// <summary>Uploads a model (and its thumbnail) through the resumable protocol and stores it; returns the stored model.</summary>
        public async Task<CharacterModel> UploadAsync(string modelPath, string thumbnailPath, bool createThumbnail, string name, CancellationToken cancellationToken)
        {
            var baseName = Path.GetFileNameWithoutExtension(modelPath);
            var urls = await GetUploadUrlsAsync(baseName, Extension(modelPath), thumbnailPath == null ? null : Extension(thumbnailPath), cancellationToken).ConfigureAwait(false);
            var upload = new ResumableUpload(Http);
            await upload.UploadAsync(EndpointPolicy.ValidateResponseUrl(DeepMotionSession.ServiceName, urls.ModelUrl, "model upload URL"), modelPath, "Uploading " + Path.GetFileName(modelPath), cancellationToken).ConfigureAwait(false);
            if (thumbnailPath != null)
            {
                await upload.UploadAsync(EndpointPolicy.ValidateResponseUrl(DeepMotionSession.ServiceName, urls.ThumbUrl, "thumbnail upload URL"), thumbnailPath, "Uploading " + Path.GetFileName(thumbnailPath), cancellationToken).ConfigureAwait(false);
            }
            var id = await StoreAsync(new StoreModelBody
            {
                ModelUrl = urls.ModelUrl,
                ModelName = name ?? baseName,
                ThumbUrl = thumbnailPath == null ? null : urls.ThumbUrl,
                CreateThumb = createThumbnail ? 1 : (int?)null,
            }, cancellationToken).ConfigureAwait(false);
            return await GetAsync(id, cancellationToken).ConfigureAwait(false)
                ?? new CharacterModel { Id = id, Name = name ?? baseName, Platform = "custom" };
        }

        /// <summary>Renames a model and/or gives it a new thumbnail.</summary>
        public async Task<CharacterModel> UpdateAsync(string id, string name, string thumbnailPath, CancellationToken cancellationToken)
        {
            string thumbUrl = null;
            if (thumbnailPath != null)
            {
                var urls = await GetUploadUrlsAsync(Path.GetFileNameWithoutExtension(thumbnailPath), null, Extension(thumbnailPath), cancellationToken).ConfigureAwait(false);
                await new ResumableUpload(Http).UploadAsync(EndpointPolicy.ValidateResponseUrl(DeepMotionSession.ServiceName, urls.ThumbUrl, "thumbnail upload URL"), thumbnailPath, "Uploading " + Path.GetFileName(thumbnailPath), cancellationToken).ConfigureAwait(false);
                thumbUrl = urls.ThumbUrl;
            }
            await StoreAsync(new StoreModelBody { ModelId = id, ModelName = name, ThumbUrl = thumbUrl }, cancellationToken).ConfigureAwait(false);
            return await GetAsync(id, cancellationToken).ConfigureAwait(false);
        }

        public async Task<CharacterModel> GetAsync(string id, CancellationToken cancellationToken)
        {
            var models = await ListAsync(id, null, includeStock: false, cancellationToken).ConfigureAwait(false);
            return models.FirstOrDefault(m => m.Id == id);
        }

        public async Task<List<CharacterModel>> ListAsync(string id, string search, bool includeStock, CancellationToken cancellationToken)
        {
            var body = await Http.Request("character", "listModels")
                .SetQueryParams(new { modelId = id, searchToken = search, stockModel = includeStock ? "all" : null })
                .GetStringAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            return ParseModels(body);
        }

        /// <summary>The seed's array, or the <c>{"list": [...]}</c> shape the vendor's own demo reads (§14 Q5).</summary>
        static List<CharacterModel> ParseModels(string body) => CharacterModelList.Parse(body);

        /// <summary>DELETE /character/deleteModel/{id}; returns how many models were deleted.</summary>
        public async Task<int> DeleteAsync(string id, CancellationToken cancellationToken)
        {
            var answer = await Http.Request("character", "deleteModel").AppendPathSegment(id, fullyEncode: true)
                .DeleteAsync(cancellationToken: cancellationToken).ReceiveJson<DeleteModelResponse>().ConfigureAwait(false);
            return answer.Count;
        }

        async Task<ModelUploadUrls> GetUploadUrlsAsync(string name, string modelExtension, string thumbnailExtension, CancellationToken cancellationToken)
        {
            var urls = await Http.Request("character", "getModelUploadUrl")
                .SetQueryParams(new { name, resumable = 1, modelExt = modelExtension, thumbExt = thumbnailExtension })
                .GetJsonAsync<ModelUploadUrls>(cancellationToken: cancellationToken).ConfigureAwait(false);
            if ((modelExtension != null && string.IsNullOrEmpty(urls.ModelUrl)) || (thumbnailExtension != null && string.IsNullOrEmpty(urls.ThumbUrl)))
            {
                throw new AnimationToolsException("DeepMotion.InvalidResponse", ErrorCategory.InvalidResult, "DeepMotion returned no signed upload URL for the model.");
            }
            return urls;
        }

        async Task<string> StoreAsync(StoreModelBody body, CancellationToken cancellationToken)
        {
            var answer = await Http.Request("character", "storeModel").PostJsonAsync(body, cancellationToken: cancellationToken)
                .ReceiveJson<StoreModelResponse>().ConfigureAwait(false);
            if (string.IsNullOrEmpty(answer.ModelId))
            {
                throw new AnimationToolsException("DeepMotion.InvalidResponse", ErrorCategory.InvalidResult, "DeepMotion stored the model but returned no model id.");
            }
            return answer.ModelId;
        }

        static string Extension(string path) => Path.GetExtension(path).TrimStart('.').ToLowerInvariant();
    }
}
