/* The subset of libvmaf 3.x's public API (libvmaf.h, model.h, picture.h, feature.h) that the
   optional libvmaf backend calls, declared for cffi's ABI mode. Layouts are libvmaf's (LP64). */
typedef struct VmafContext VmafContext;
typedef struct VmafModel VmafModel;
typedef struct VmafFeatureDictionary VmafFeatureDictionary;
typedef struct VmafRef VmafRef;

typedef struct VmafConfiguration {
    int log_level;
    unsigned n_threads;
    unsigned n_subsample;
    uint64_t cpumask;
    uint64_t gpumask;
} VmafConfiguration;

typedef struct VmafModelConfig {
    const char *name;
    uint64_t flags;
} VmafModelConfig;

typedef struct VmafPicture {
    int pix_fmt;
    unsigned bpc;
    unsigned w[3], h[3];
    ptrdiff_t stride[3];
    void *data[3];
    VmafRef *ref;
    void *priv;
} VmafPicture;

const char *vmaf_version(void);
int vmaf_init(VmafContext **vmaf, VmafConfiguration cfg);
int vmaf_close(VmafContext *vmaf);
int vmaf_model_load_from_path(VmafModel **model, VmafModelConfig *cfg, const char *path);
int vmaf_model_feature_overload(VmafModel *model, const char *feature_name, VmafFeatureDictionary *opts_dict);
void vmaf_model_destroy(VmafModel *model);
int vmaf_feature_dictionary_set(VmafFeatureDictionary **dict, const char *key, const char *val);
int vmaf_feature_dictionary_free(VmafFeatureDictionary **dict);
int vmaf_use_features_from_model(VmafContext *vmaf, VmafModel *model);
int vmaf_picture_alloc(VmafPicture *pic, int pix_fmt, unsigned bpc, unsigned w, unsigned h);
int vmaf_picture_unref(VmafPicture *pic);
int vmaf_read_pictures(VmafContext *vmaf, VmafPicture *ref, VmafPicture *dist, unsigned index);
int vmaf_score_at_index(VmafContext *vmaf, VmafModel *model, double *score, unsigned index);
int vmaf_feature_score_at_index(VmafContext *vmaf, const char *feature_name, double *score, unsigned index);
int vmaf_score_pooled(VmafContext *vmaf, VmafModel *model, int pool_method, double *score,
                      unsigned index_low, unsigned index_high);
